package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import org.jspecify.annotations.Nullable;

/** Where a registry keeps its metadata: exactly one of the embedded database or PostgreSQL. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "(has(self.embedded) ? 1 : 0) + (has(self.postgres) ? 1 : 0) == 1",
        message = "spec.database needs exactly one of embedded or postgres")
public record Database(
        @JsonPropertyDescription("An embedded H2 database on the storage volume; only for a single replica.") @Nullable EmbeddedDatabase embedded,

        @JsonPropertyDescription("A PostgreSQL database shared by all replicas.") @Nullable PostgresDatabase postgres) {}
