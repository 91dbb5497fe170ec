package dev.wharf.cli.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.HelpOption;
import dev.wharf.cli.Session;
import dev.wharf.cli.http.ApiClient;
import dev.wharf.cli.output.Sizes;
import dev.wharf.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wharf cleanup}: the CleanupPolicies, their plans (dry runs) and runs; for admins of their registries. */
@Command(
        name = "cleanup",
        description = "List CleanupPolicies, plan one (a dry run saying what it would delete and why) or run it.",
        subcommands = {CleanupCommand.ListPolicies.class, CleanupCommand.Plan.class, CleanupCommand.Run.class},
        footerHeading = "%nExample:%n",
        footer = "  wharf cleanup plan standard")
public final class CleanupCommand {

    @Mixin
    @SuppressWarnings("unused") // picocli reads it
    private HelpOption help = new HelpOption();

    @Command(
            name = "list",
            aliases = "ls",
            description = "List the CleanupPolicies, with their last plan and run.",
            footerHeading = "%nExample:%n",
            footer = "  wharf cleanup list")
    static final class ListPolicies implements Callable<Integer> {
        @Mixin
        private Session session = new Session();

        @Override
        public Integer call() {
            JsonNode policies = session.client().get("/api/v1/cleanup-policies");
            Table table = new Table("POLICY", "MODE", "REGISTRIES", "CANDIDATES", "BYTES", "NEXT RUN");
            for (JsonNode policy : policies) {
                table.row(
                        policy.path("name").asText(),
                        policy.path("mode").asText(),
                        String.join(",", texts(policy.path("registries"))),
                        policy.path("plan").path("candidates").asText("-"),
                        policy.path("plan").has("bytes")
                                ? Sizes.human(policy.path("plan").path("bytes").asLong())
                                : "-",
                        policy.path("nextRun").asText("-"));
            }
            session.output().print(policies, table);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "plan",
            description = "Plan a policy now: what it would delete, and why, without deleting anything.",
            footerHeading = "%nExample:%n",
            footer = "  wharf cleanup plan standard -o yaml")
    static final class Plan implements Callable<Integer> {
        @Mixin
        private Session session = new Session();

        @Parameters(paramLabel = "POLICY", description = "the CleanupPolicy")
        private String policy = "";

        @Override
        public Integer call() {
            JsonNode summary = session.client().post(path(policy) + "/plan", null);
            JsonNode plan = summary.path("plan");
            Table table = new Table("REGISTRY", "ITEM", "SIZE", "WHY");
            for (JsonNode item : plan.path("sample")) {
                table.row(
                        item.path("registry").asText(),
                        item.path("item").asText(),
                        Sizes.human(item.path("sizeBytes").asLong()),
                        item.path("why").asText());
            }
            session.output().print(summary, table);
            session.output()
                    .line("Plan " + plan.path("hash").asText() + ": "
                            + plan.path("candidates").asText("0")
                            + " candidates, " + Sizes.human(plan.path("bytes").asLong()) + ", "
                            + plan.path("kept").asText("0") + " kept; the table shows a sample");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "run",
            description = "Run a policy now, as its mode says (Plan only plans; Apply deletes; ApplyApproved deletes"
                    + " when spec.approvedPlan is the plan's hash).",
            footerHeading = "%nExample:%n",
            footer = "  wharf cleanup run standard")
    static final class Run implements Callable<Integer> {
        @Mixin
        private Session session = new Session();

        @Parameters(paramLabel = "POLICY", description = "the CleanupPolicy")
        private String policy = "";

        @Override
        public Integer call() {
            JsonNode summary = session.client().post(path(policy) + "/run", null);
            JsonNode run = summary.path("lastRun");
            session.output()
                    .print(
                            summary,
                            "Run of " + policy + ": " + run.path("outcome").asText("-") + ", deleted "
                                    + run.path("deleted").asText("0") + ", freed "
                                    + Sizes.human(run.path("freedBytes").asLong())
                                    + (run.hasNonNull("message")
                                            ? "; " + run.path("message").asText()
                                            : ""));
            return ExitCodes.OK;
        }
    }

    static String path(String policy) {
        return "/api/v1/cleanup-policies/" + ApiClient.segment(policy);
    }

    static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
