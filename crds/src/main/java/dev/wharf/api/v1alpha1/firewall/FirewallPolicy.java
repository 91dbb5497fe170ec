package dev.wharf.api.v1alpha1.firewall;

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

/** Which dependency versions may enter through upstream proxies, and what happens to the others. */
@Group(WharfApi.GROUP)
@SchemaCustomizer(
        value = RootSchema.class,
        input =
                "{\"root\": \"Decides which dependency versions may enter through upstream proxies: cooldowns, vulnerabilities, licenses, banned packages and CEL expressions.\", \"spec\": \"What the firewall guards, how strictly, and its rules.\", \"status\": \"The observed state of the policy, written by the operator; never edit it.\"}")
@Version(WharfApi.VERSION)
@Plural("firewallpolicies")
@Singular("firewallpolicy")
@ShortNames("firewall")
@Categories(WharfApi.CATEGORY)
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".spec.mode", getDescription = "enforce, warn or audit.")
@AdditionalPrinterColumn(
        name = "Blocked",
        jsonPath = ".status.counts.blocked",
        type = AdditionalPrinterColumn.Type.INTEGER,
        getDescription = "Versions currently blocked.")
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        getDescription = "Whether the policy is loaded and its advisories are fresh.")
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
        value = "size(self.metadata.name) <= 63 && self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
        message = "a FirewallPolicy name must be a DNS label (lower-case letters, digits and '-', starting with a"
                + " letter, at most 63 characters)")
public class FirewallPolicy extends CustomResource<FirewallPolicySpec, FirewallPolicyStatus> implements Namespaced {}
