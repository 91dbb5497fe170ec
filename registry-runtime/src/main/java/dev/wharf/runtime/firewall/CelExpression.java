package dev.wharf.runtime.firewall;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code expression} condition: a CEL expression over {@code package.name}, {@code package.ecosystem} (the
 * package-URL type), {@code package.purl}, {@code version.number}, {@code version.prerelease}, {@code
 * version.published} (a timestamp), {@code version.age} (a duration) and {@code version.licenses} (a list of strings),
 * type-checked to a bool when the policy is loaded. It cannot decide when it reads the publish time of a version
 * without one, or fails while it runs.
 */
final class CelExpression implements Condition {

    // "package" is one of CEL's reserved words; the policies name their input that way, so reserved ids are allowed.
    private static final CelOptions OPTIONS =
            CelOptions.current().enableReservedIds(false).build();

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("package.name", SimpleType.STRING)
            .addVar("package.ecosystem", SimpleType.STRING)
            .addVar("package.purl", SimpleType.STRING)
            .addVar("version.number", SimpleType.STRING)
            .addVar("version.prerelease", SimpleType.BOOL)
            .addVar("version.published", SimpleType.TIMESTAMP)
            .addVar("version.age", SimpleType.DURATION)
            .addVar("version.licenses", ListType.create(SimpleType.STRING))
            .setResultType(SimpleType.BOOL)
            .build();

    private static final CelRuntime RUNTIME =
            CelRuntimeFactory.plannerRuntimeBuilder().build();

    private final String source;
    private final CelRuntime.Program program;

    private CelExpression(String source, CelRuntime.Program program) {
        this.source = source;
        this.program = program;
    }

    /** One place where an expression does not type-check: line and column from 1, and why. */
    record Issue(int line, int column, String message) {

        @Override
        public String toString() {
            return "line " + line + ", column " + column + ": " + message;
        }
    }

    /** An expression that does not compile, with every issue the type-checker found. */
    static final class InvalidExpressionException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final transient List<Issue> issues;

        InvalidExpressionException(String message, List<Issue> issues, Throwable cause) {
            super(message, cause);
            this.issues = List.copyOf(issues);
        }

        /** Where and why; empty when the expression failed as a whole, without a position. */
        List<Issue> issues() {
            return issues;
        }
    }

    /**
     * The expression {@code source}, type-checked.
     *
     * @throws InvalidExpressionException saying where and why it does not compile to a bool ("line 1, column 23:
     *     undeclared reference to 'versoin'")
     */
    static CelExpression compile(String source) {
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(source).getAst();
            return new CelExpression(source, RUNTIME.createProgram(ast));
        } catch (CelValidationException e) {
            List<Issue> issues =
                    e.getErrors().stream().map(CelExpression::issue).toList();
            throw new InvalidExpressionException(
                    "the expression '" + source + "' does not type-check to a bool: "
                            + issues.stream().map(Issue::toString).collect(Collectors.joining("; ")),
                    issues,
                    e);
        } catch (CelEvaluationException e) {
            throw new InvalidExpressionException(
                    "the expression '" + source + "' cannot run: " + e.getMessage(), List.of(), e);
        }
    }

    private static Issue issue(CelIssue issue) {
        return new Issue(
                issue.getSourceLocation().getLine(), issue.getSourceLocation().getColumn() + 1, issue.getMessage());
    }

    @Override
    public RuleOutcome test(Candidate candidate, Instant now) {
        String requirement = "matches when '" + source + "' is true";
        Map<String, Object> input = new HashMap<>();
        input.put("package.name", candidate.name());
        input.put("package.ecosystem", candidate.ecosystem().purlType());
        input.put("package.purl", candidate.purl());
        input.put("version.number", candidate.version());
        input.put("version.prerelease", candidate.prerelease());
        input.put("version.licenses", candidate.facts().licenses());
        Instant published = candidate.facts().published();
        if (published != null) {
            input.put(
                    "version.published",
                    Timestamp.newBuilder()
                            .setSeconds(published.getEpochSecond())
                            .setNanos(published.getNano())
                            .build());
            java.time.Duration age = java.time.Duration.between(published, now);
            input.put(
                    "version.age",
                    Duration.newBuilder()
                            .setSeconds(age.getSeconds())
                            .setNanos(age.getNano())
                            .build());
        }
        try {
            Object result = program.eval(input);
            if (result instanceof Boolean matched) {
                return matched
                        ? RuleOutcome.matched("the expression is true", requirement)
                        : RuleOutcome.clear("the expression is false", requirement);
            }
            return RuleOutcome.undecided(
                    "the expression reads a fact this version lacks (publish time unknown)", requirement);
        } catch (CelEvaluationException e) {
            return RuleOutcome.undecided("the expression failed: " + e.getMessage(), requirement);
        }
    }
}
