package dev.wharf.api.v1alpha1.upstream;

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

/** A remote source a Registry pulls through: Docker Hub, Maven Central, the npm registry, PyPI... */
@Group(WharfApi.GROUP)
@SchemaCustomizer(
        value = RootSchema.class,
        input =
                "{\"root\": \"A remote source Registries pull through, in the order they list it: Docker Hub, Maven Central, the npm registry, PyPI...\", \"spec\": \"Where the upstream is, how to authenticate, how long to trust its answers and which names it may serve.\", \"status\": \"The observed state of the upstream, written by the operator; never edit it.\"}")
@Version(WharfApi.VERSION)
@Plural("upstreamproxies")
@Singular("upstreamproxy")
@ShortNames("upstream")
@Categories(WharfApi.CATEGORY)
@AdditionalPrinterColumn(name = "Format", jsonPath = ".spec.format", getDescription = "The package format.")
@AdditionalPrinterColumn(name = "URL", jsonPath = ".spec.url", getDescription = "The upstream's URL.")
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        getDescription = "Whether the upstream answers.")
@AdditionalPrinterColumn(
        name = "Breaker",
        jsonPath = ".status.health.breaker",
        priority = 1,
        getDescription = "The circuit breaker's state.")
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
        value = "size(self.metadata.name) <= 63 && self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
        message = "an UpstreamProxy name must be a DNS label (lower-case letters, digits and '-', starting with a"
                + " letter, at most 63 characters), because Registries refer to it by name")
public class UpstreamProxy extends CustomResource<UpstreamProxySpec, UpstreamProxyStatus> implements Namespaced {}
