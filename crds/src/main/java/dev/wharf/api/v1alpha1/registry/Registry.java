package dev.wharf.api.v1alpha1.registry;

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

/** One registry of one package format, served by its own pods. */
@Group(WharfApi.GROUP)
@SchemaCustomizer(
        value = RootSchema.class,
        input =
                "{\"root\": \"A registry of one package format (docker, maven, npm, pypi, ...), served by its own pods at a URL the operator publishes in status.\", \"spec\": \"What the registry serves, who may use it, where it keeps its data and how it is run.\", \"status\": \"The observed state of the registry, written by the operator; never edit it.\"}")
@Version(WharfApi.VERSION)
@Plural("registries")
@Singular("registry")
@ShortNames("reg")
@Categories(WharfApi.CATEGORY)
@AdditionalPrinterColumn(name = "Format", jsonPath = ".spec.format", getDescription = "The package format.")
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        getDescription = "Whether the registry serves requests.")
@AdditionalPrinterColumn(name = "URL", jsonPath = ".status.url", getDescription = "The in-cluster URL of the registry.")
@AdditionalPrinterColumn(
        name = "Artifacts",
        jsonPath = ".status.artifacts",
        type = AdditionalPrinterColumn.Type.INTEGER,
        priority = 1,
        getDescription = "Number of files stored.")
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
        value = "size(self.metadata.name) <= 63 && self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
        message = "a Registry name must be a DNS label (lower-case letters, digits and '-', starting with a letter,"
                + " at most 63 characters): it becomes a Service name and part of every URL")
public class Registry extends CustomResource<RegistrySpec, RegistryStatus> implements Namespaced {}
