package dev.wharf.api.v1alpha1.cleanup;

import dev.wharf.api.v1alpha1.WharfApi;
import dev.wharf.api.v1alpha1.common.RootSchema;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** What to delete, from which registries, and when; a plan is computed and shown before anything is deleted. */
@Group(WharfApi.GROUP)
@SchemaCustomizer(
        value = RootSchema.class,
        input =
                "{\"root\": \"Deletes old or unused versions from the Registries it selects, on a schedule, after computing a plan you can review.\", \"spec\": \"Which registries to clean, when, in which mode, and by which rules.\", \"status\": \"The observed state of the policy: its plan and last run, written by the operator; never edit it.\"}")
@Version(WharfApi.VERSION)
@Plural("cleanuppolicies")
@Singular("cleanuppolicy")
@ShortNames("cleanup")
@Categories(WharfApi.CATEGORY)
@AdditionalPrinterColumn(name = "Schedule", jsonPath = ".spec.schedule", getDescription = "When the policy runs.")
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".spec.mode", getDescription = "Plan, Apply or ApplyApproved.")
@AdditionalPrinterColumn(
        name = "Candidates",
        jsonPath = ".status.plan.candidates",
        type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Versions the current plan would delete.")
@AdditionalPrinterColumn(
        name = "Last Run",
        jsonPath = ".status.lastRun.time",
        type = AdditionalPrinterColumn.Type.DATE,
        getDescription = "When the policy last ran.")
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        priority = 1,
        getDescription = "Whether the policy is valid and scheduled.")
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
        value = "size(self.metadata.name) <= 63 && self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
        message = "a CleanupPolicy name must be a DNS label (lower-case letters, digits and '-', starting with a"
                + " letter, at most 63 characters)")
public class CleanupPolicy extends CustomResource<CleanupPolicySpec, CleanupPolicyStatus> implements Namespaced {}
