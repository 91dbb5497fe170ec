package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An Ingress that exposes a registry outside the cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Expose(
        @Required
        @Size(max = Patterns.HOST_MAX) @Pattern(Patterns.HOST) @JsonPropertyDescription("The host name clients use, such as npm.example.com.")
        String host,

        @JsonPropertyDescription("TLS for the host, terminated at the Ingress.") @Nullable Tls tls,

        @Size(max = 253) @Pattern(Patterns.SECRET_NAME) @JsonPropertyDescription("IngressClass to use. Unset means the cluster's default class.")
        @Nullable String ingressClassName,

        @Size(max = 32) @ValidationRule(
                value = "self.all(k, size(k) <= 317)",
                message = "spec.expose.annotations keys must be at most 317 characters long")
        @JsonPropertyDescription("Annotations for the Ingress, such as the body-size limit of your ingress controller.")
        @Nullable Map<String, @Size(max = Patterns.MESSAGE_MAX) String> annotations) {

    /** TLS settings of an {@link Expose}. */
    public record Tls(
            @Required
            @Size(max = Patterns.SECRET_NAME_MAX) @Pattern(Patterns.SECRET_NAME) @JsonPropertyDescription("Secret of type kubernetes.io/tls holding the certificate and key for the host.")
            String secretName) {}
}
