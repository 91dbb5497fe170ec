package dev.wharf.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading the operator's settings from environment variables: defaults, valid values and the errors for bad ones. */
class OperatorSettingsTest {

    private static final String IN_CLUSTER = OperatorSettings.IN_CLUSTER_MARKER;

    @Test
    void parseWhenNothingIsSetShouldUseTheDefaults() {
        OperatorSettings settings = OperatorSettings.parse(Map.of());

        assertThat(settings)
                .isEqualTo(new OperatorSettings(
                        List.of(),
                        8081,
                        false,
                        "wharf-operator",
                        null,
                        LogFormat.TEXT,
                        Duration.ofSeconds(60),
                        5,
                        Duration.ofSeconds(60)));
    }

    @Test
    void parseWhenTheUpgradeBatchIsNotACountShouldNameTheVariableAndValue() {
        assertThatThrownBy(() -> OperatorSettings.parse(env(OperatorSettings.UPGRADE_BATCH, "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WHARF_UPGRADE_BATCH must be a number from 1 to 1000, but was '0'");
    }

    @Test
    void parseWhenTheStatusIntervalIsSetShouldUseIt() {
        assertThat(OperatorSettings.parse(env(OperatorSettings.STATUS_INTERVAL_SECONDS, "5"))
                        .statusInterval())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "3601", "1m", "-1"})
    void parseWhenTheStatusIntervalIsNotASecondCountShouldNameTheVariableAndValue(String value) {
        assertThatThrownBy(() -> OperatorSettings.parse(env(OperatorSettings.STATUS_INTERVAL_SECONDS, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WHARF_STATUS_INTERVAL_SECONDS must be a number of seconds from 1 to 3600, but was '"
                        + value + "'");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", ",", " , ,"})
    void parseWhenNamespacesIsEmptyShouldWatchAll(@Nullable String value) {
        OperatorSettings settings = OperatorSettings.parse(env(OperatorSettings.NAMESPACES, value));

        assertThat(settings.watchesAllNamespaces()).isTrue();
        assertThat(settings.namespaces()).isEmpty();
    }

    static Stream<Arguments> namespaceLists() {
        return Stream.of(
                Arguments.of("artifacts", List.of("artifacts")),
                Arguments.of("ci,artifacts", List.of("artifacts", "ci")),
                Arguments.of(" artifacts , ci ", List.of("artifacts", "ci")),
                Arguments.of("artifacts,artifacts,", List.of("artifacts")),
                Arguments.of("team-1,0team", List.of("0team", "team-1")));
    }

    @ParameterizedTest
    @MethodSource("namespaceLists")
    void parseWhenNamespacesListsNamesShouldWatchEachOnceSorted(String value, List<String> expected) {
        OperatorSettings settings = OperatorSettings.parse(Map.of(OperatorSettings.NAMESPACES, value));

        assertThat(settings.watchesAllNamespaces()).isFalse();
        assertThat(settings.namespaces()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Artifacts", "team_1", "-ci", "ci-", "a.b", "artifacts,CI"})
    void parseWhenANamespaceIsNotAValidNameShouldThrowNamingIt(String value) {
        String invalid = value.startsWith("artifacts,") ? "CI" : value;

        assertThatIllegalArgumentException()
                .isThrownBy(() -> OperatorSettings.parse(Map.of(OperatorSettings.NAMESPACES, value)))
                .withMessage("WHARF_NAMESPACES must hold Kubernetes names (lower-case letters, digits and '-', at"
                        + " most 63 characters), but '" + invalid + "' is not one");
    }

    @Test
    void parseWhenANamespaceIsLongerThan63CharactersShouldThrow() {
        String tooLong = "a".repeat(64);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> OperatorSettings.parse(Map.of(OperatorSettings.NAMESPACES, tooLong)))
                .withMessageContaining("'" + tooLong + "' is not one");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "8081", "9090", " 8443 ", "65535"})
    void parseWhenHealthPortIsAPortShouldUseIt(String value) {
        OperatorSettings settings = OperatorSettings.parse(Map.of(OperatorSettings.HEALTH_PORT, value));

        assertThat(settings.healthPort()).isEqualTo(Integer.parseInt(value.strip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-1", "http", "80.5"})
    void parseWhenHealthPortIsNotAPortShouldThrow(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OperatorSettings.parse(Map.of(OperatorSettings.HEALTH_PORT, value)))
                .withMessage("WHARF_HEALTH_PORT must be a port number from 1 to 65535, but was '" + value + "'");
    }

    static Stream<Arguments> leaderElections() {
        return Stream.of(
                // WHARF_LEADER_ELECTION, KUBERNETES_SERVICE_HOST, expected
                Arguments.of(null, null, false),
                Arguments.of(null, "10.96.0.1", true),
                Arguments.of("", "10.96.0.1", true),
                Arguments.of("false", "10.96.0.1", false),
                Arguments.of("true", null, true),
                Arguments.of("TRUE", null, true),
                Arguments.of(" False ", "10.96.0.1", false));
    }

    @ParameterizedTest
    @MethodSource("leaderElections")
    void parseWhenLeaderElectionIsUnsetShouldBeOnOnlyInACluster(
            @Nullable String value, @Nullable String serviceHost, boolean expected) {
        Map<String, String> environment = env(OperatorSettings.LEADER_ELECTION, value);
        if (serviceHost != null) {
            environment.put(IN_CLUSTER, serviceHost);
        }

        assertThat(OperatorSettings.parse(environment).leaderElection()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "on"})
    void parseWhenLeaderElectionIsNotABooleanShouldThrow(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OperatorSettings.parse(Map.of(OperatorSettings.LEADER_ELECTION, value)))
                .withMessage("WHARF_LEADER_ELECTION must be true or false, but was '" + value + "'");
    }

    @Test
    void parseWhenLeaseNameAndNamespaceAreSetShouldUseThem() {
        OperatorSettings settings = OperatorSettings.parse(
                Map.of(OperatorSettings.LEASE_NAME, "wharf.lock", OperatorSettings.LEASE_NAMESPACE, "wharf-system"));

        assertThat(settings.leaseName()).isEqualTo("wharf.lock");
        assertThat(settings.leaseNamespace()).isEqualTo("wharf-system");
    }

    @ParameterizedTest
    @ValueSource(strings = {OperatorSettings.LEASE_NAME, OperatorSettings.LEASE_NAMESPACE})
    void parseWhenLeaseNameOrNamespaceIsNotAValidNameShouldThrowNamingTheVariable(String variable) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OperatorSettings.parse(Map.of(variable, "Wharf Lock")))
                .withMessageStartingWith(variable + " must hold Kubernetes names")
                .withMessageEndingWith("but 'Wharf Lock' is not one");
    }

    static Stream<Arguments> logFormats() {
        return Stream.of(
                Arguments.of("", LogFormat.TEXT),
                Arguments.of("text", LogFormat.TEXT),
                Arguments.of("json", LogFormat.JSON),
                Arguments.of(" JSON ", LogFormat.JSON));
    }

    @ParameterizedTest
    @MethodSource("logFormats")
    void parseWhenLogFormatIsTextOrJsonShouldUseIt(String value, LogFormat expected) {
        assertThat(OperatorSettings.parse(Map.of(OperatorSettings.LOG_FORMAT, value))
                        .logFormat())
                .isEqualTo(expected);
    }

    @Test
    void parseWhenLogFormatIsUnknownShouldThrow() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OperatorSettings.parse(Map.of(OperatorSettings.LOG_FORMAT, "logfmt")))
                .withMessage("WHARF_LOG_FORMAT must be text or json, but was 'logfmt'");
    }

    /** A mutable environment holding one variable, or none when the value is null. */
    private static Map<String, String> env(String name, @Nullable String value) {
        Map<String, String> environment = new HashMap<>();
        if (value != null) {
            environment.put(name, value);
        }
        return environment;
    }
}
