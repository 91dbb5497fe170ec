package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** A PostgreSQL database for a registry's metadata. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostgresDatabase(
        @Required
        @Size(max = Patterns.SECRET_NAME_MAX) @Pattern(Patterns.SECRET_NAME) @JsonPropertyDescription("Secret in this namespace with keys 'url' (r2dbc:postgresql://host:5432/db or"
                + " postgresql://host:5432/db), 'username' and 'password'. Mounted, never copied.")
        String secret,

        @Min(1) @Max(200) @JsonPropertyDescription("Largest number of connections each registry pod opens. Unset means 10.")
        @Nullable Integer maxConnections) {}
