package dev.wharf.operator.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.operator.testing.MonitoringFiles;
import org.junit.jupiter.api.Test;

/** Reading metric names out of the alerts' and the dashboard's PromQL; the names are checked against scrapes elsewhere. */
class MonitoringFilesTest {

    @Test
    void metricNamesShouldSkipFunctionsLabelsRangesAndGrouping() {
        assertThat(MonitoringFiles.metricNames("sum by (namespace, pod) (rate(wharf_storage_errors_total{store=\"s3\","
                        + " outcome=~\"a|b\"}[5m])) / on (pod) group_left up > 0 or vector(0)"))
                .containsExactly("up", "wharf_storage_errors_total");
        assertThat(MonitoringFiles.metricNames("label_values(wharf_registry_ready, namespace)"))
                .containsExactly("wharf_registry_ready");
    }

    @Test
    void theAlertsAndTheDashboardShouldNameMetrics() {
        assertThat(MonitoringFiles.metricNames())
                .contains(
                        "wharf_registry_ready",
                        "wharf_upstream_breaker_open",
                        "wharf_storage_errors_total",
                        "wharf_firewall_blocked_versions",
                        "wharf_cleanup_run_failed",
                        "wharf_cleanup_runs_total");
    }
}
