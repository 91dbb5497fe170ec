package dev.wharf.operator.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.operator.status.Reasons;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One list of Ready reasons, kind by kind, for the operator and the Argo CD health check: the Lua tables are exactly
 * {@link Reasons#HEALING} and {@link Reasons#NEEDS_A_CHANGE}; every reason the operator's code writes for a kind is in
 * that kind's lists, and every reason listed for a kind is one its code writes.
 */
class HealthCheckReasonsTest {

    /**
     * Reasons only the other conditions (ConfigResolved, StorageReady, PolicyValid) carry; the health check reads Ready
     * alone.
     */
    private static final Set<String> NOT_READY_CONDITION_REASONS =
            Set.of(Reasons.RESOLVED, Reasons.VOLUME_BOUND, Reasons.BUCKET_CONFIGURED, Reasons.RULES_COMPILED);

    /** The reason of the case that shows what the check does with a reason of a newer operator. */
    private static final String UNCLASSIFIED_CASE = "SomethingNew";

    /** Which sources write the Ready condition of which kind. */
    private static final Map<String, List<String>> SOURCES_BY_KIND = Map.of(
            "Registry", List.of("registry", "references"),
            "UpstreamProxy", List.of("upstream"),
            "CleanupPolicy", List.of("cleanup"),
            "FirewallPolicy", List.of("firewall"));

    private static final Path MAIN = Path.of("src", "main", "java", "dev", "wharf", "operator");
    private static final Pattern REASON = Pattern.compile("Reasons\\.([A-Z_]+)\\b");

    private final LuaHealthCheck check = new LuaHealthCheck(LuaHealthCheck.SCRIPT);
    private final JsonNode anyResource =
            RepositoryFiles.documents("kind: Registry").getFirst();

    @Test
    void healthCheckTablesShouldBeTheOperatorsListsKindByKind() {
        assertThat(check.reasonsByKind("HEALS_BY_ITSELF", anyResource))
                .as("config/argocd/health/health.lua HEALS_BY_ITSELF against Reasons.HEALING")
                .isEqualTo(sorted(Reasons.HEALING));
        assertThat(check.reasonsByKind("NEEDS_A_CHANGE", anyResource))
                .as("config/argocd/health/health.lua NEEDS_A_CHANGE against Reasons.NEEDS_A_CHANGE")
                .isEqualTo(sorted(Reasons.NEEDS_A_CHANGE));
    }

    @Test
    void reasonsOfAKindShouldBeExactlyThoseItsCodeWrites() {
        for (String kind : Reasons.KINDS) {
            Set<String> listed = new TreeSet<>();
            listed.addAll(Reasons.HEALING.get(kind));
            listed.addAll(Reasons.NEEDS_A_CHANGE.get(kind));
            listed.addAll(Reasons.READY.get(kind));

            assertThat(written(kind))
                    .as(
                            "the Ready reasons the code of %s writes (%s) against those Reasons lists for it",
                            kind, SOURCES_BY_KIND.get(kind))
                    .isEqualTo(listed);
        }
    }

    @Test
    void everyReasonShouldBeListedForSomeKindAndNoneInTwoListsOfAKind() {
        Set<String> listed = new HashSet<>();
        for (String kind : Reasons.KINDS) {
            assertThat(common(Reasons.HEALING.get(kind), Reasons.NEEDS_A_CHANGE.get(kind)))
                    .as(kind)
                    .isEmpty();
            assertThat(common(Reasons.READY.get(kind), Reasons.HEALING.get(kind)))
                    .as(kind)
                    .isEmpty();
            listed.addAll(Reasons.HEALING.get(kind));
            listed.addAll(Reasons.NEEDS_A_CHANGE.get(kind));
            listed.addAll(Reasons.READY.get(kind));
        }
        Set<String> constants = new TreeSet<>(constants().values());
        constants.removeAll(NOT_READY_CONDITION_REASONS);

        assertThat(listed).isEqualTo(constants);
    }

    @Test
    void testCasesShouldUseOnlyReasonsTheOperatorWritesForTheirKind() {
        for (JsonNode test : ArgoCdHealthCheckTest.cases()) {
            JsonNode resource = RepositoryFiles.documents(ArgoCdHealthCheckTest.DIRECTORY.resolve(
                            test.path("inputPath").asText()))
                    .getFirst();
            String kind = resource.path("kind").asText();
            for (JsonNode condition : resource.path("status").path("conditions")) {
                String reason = condition.path("reason").asText();
                if (!condition.path("type").asText().equals("Ready") || reason.equals(UNCLASSIFIED_CASE)) {
                    continue;
                }
                if (condition.path("status").asText().equals("Unknown")) {
                    continue;
                }
                Set<String> known = new HashSet<>(Reasons.HEALING.get(kind));
                known.addAll(Reasons.NEEDS_A_CHANGE.get(kind));
                known.addAll(Reasons.READY.get(kind));
                assertThat(known)
                        .as("%s: reason %s of a %s", test.path("inputPath").asText(), reason, kind)
                        .contains(reason);
            }
        }
    }

    /** The reasons {@code Reasons.X} the kind's sources name, less those of the other conditions. */
    private static Set<String> written(String kind) {
        Map<String, String> constants = constants();
        Set<String> reasons = new TreeSet<>();
        for (String source : SOURCES_BY_KIND.get(kind)) {
            Path path = MAIN.resolve(source);
            try (Stream<Path> files = Files.isDirectory(path) ? Files.walk(path) : Stream.of(path)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher matcher = REASON.matcher(Files.readString(file));
                    while (matcher.find()) {
                        String value = constants.get(matcher.group(1));
                        assertThat(value)
                                .as("%s names Reasons.%s", file, matcher.group(1))
                                .isNotNull();
                        reasons.add(value);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        reasons.removeAll(NOT_READY_CONDITION_REASONS);
        return reasons;
    }

    /** The String constants of {@link Reasons} by field name. */
    private static Map<String, String> constants() {
        Map<String, String> constants = new HashMap<>();
        Arrays.stream(Reasons.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .forEach(field -> constants.put(field.getName(), value(field)));
        return constants;
    }

    private static Set<String> common(Set<String> one, Set<String> other) {
        Set<String> both = new TreeSet<>(one);
        both.retainAll(other);
        return both;
    }

    private static Map<String, Set<String>> sorted(Map<String, Set<String>> byKind) {
        Map<String, Set<String>> sorted = new TreeMap<>();
        byKind.forEach((kind, reasons) -> sorted.put(kind, new TreeSet<>(reasons)));
        return sorted;
    }

    private static String value(Field field) {
        try {
            return String.valueOf(field.get(null));
        } catch (IllegalAccessException e) {
            throw new AssertionError("cannot read Reasons." + field.getName(), e);
        }
    }
}
