package dev.wharf.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL expressions of config/prometheus/rules.yaml and config/grafana/wharf-dashboard.json, and the metric
 * names they read.
 */
public final class MonitoringFiles {

    /** The repository's config directory; tests run from the operator module's directory. */
    public static final Path CONFIG = Path.of("..", "config").toAbsolutePath().normalize();

    public static final Path RULES = CONFIG.resolve("prometheus").resolve("rules.yaml");
    public static final Path DASHBOARD = CONFIG.resolve("grafana").resolve("wharf-dashboard.json");

    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS =
            Set.of("and", "or", "unless", "bool", "offset", "group_left", "group_right", "inf", "nan");

    private MonitoringFiles() {}

    /** Every expression of the alerts and of the dashboard's panels and variables. */
    public static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        try {
            JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
            rules.path("spec")
                    .path("groups")
                    .forEach(group -> group.path("rules")
                            .forEach(rule -> expressions.add(rule.path("expr").asText())));
            JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
            dashboard
                    .path("panels")
                    .forEach(panel -> panel.path("targets")
                            .forEach(target ->
                                    expressions.add(target.path("expr").asText())));
            dashboard.path("templating").path("list").forEach(variable -> {
                String query = variable.path("query").path("query").asText("");
                if (!query.isEmpty()) {
                    expressions.add(query);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return expressions;
    }

    /**
     * The metric names an expression reads: its identifiers outside strings, label matchers, ranges and grouping
     * clauses that are neither functions (followed by a parenthesis) nor operators. {@code label_values(m, l)} of a
     * dashboard variable reads {@code m}.
     */
    public static Set<String> metricNames(String expression) {
        String text = expression.replaceAll("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,[^)]*\\)", "$1");
        text = QUOTED.matcher(text).replaceAll(" ");
        text = MATCHERS.matcher(text).replaceAll(" ");
        text = RANGES.matcher(text).replaceAll(" ");
        text = GROUPING.matcher(text).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(text);
        while (identifier.find()) {
            String name = identifier.group();
            String rest = text.substring(identifier.end()).stripLeading();
            boolean function = rest.startsWith("(");
            boolean number = name.matches("(?i)[0-9.e+-]+|inf|nan");
            if (!function && !number && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    /** Every metric name the alerts and the dashboard read. */
    public static Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        expressions().forEach(expression -> names.addAll(metricNames(expression)));
        return names;
    }

    /** The metric names of a Prometheus text exposition. */
    public static Set<String> exported(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .forEach(names::add);
        return names;
    }
}
