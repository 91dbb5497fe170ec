package dev.wharf.api.v1alpha1.common;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;

/**
 * Finishes a custom resource's root schema where the CRD generator has no annotation: the descriptions of the root,
 * {@code spec} and {@code status} that {@code kubectl explain} shows, and {@code spec} as required. Used at CRD
 * generation time only.
 *
 * <p>The input is a JSON object with the keys {@code root}, {@code spec} and {@code status}.
 */
public final class RootSchema implements SchemaCustomizer.Customizer {

    @Override
    public JSONSchemaProps apply(JSONSchemaProps props, String input, KubernetesSerialization serialization) {
        Map<?, ?> descriptions = serialization.unmarshal(input, Map.class);
        props.setDescription(text(descriptions, "root"));
        property(props, "spec").setDescription(text(descriptions, "spec"));
        property(props, "status").setDescription(text(descriptions, "status"));
        props.setRequired(List.of("spec"));
        return props;
    }

    private static JSONSchemaProps property(JSONSchemaProps props, String name) {
        JSONSchemaProps property = props.getProperties().get(name);
        if (property == null) {
            throw new IllegalStateException("the generated schema has no '" + name + "' property to describe");
        }
        return property;
    }

    private static String text(Map<?, ?> descriptions, String key) {
        if (descriptions.get(key) instanceof String text && !text.isBlank()) {
            return text;
        }
        throw new IllegalArgumentException("@SchemaCustomizer input for RootSchema needs a '" + key + "' text");
    }
}
