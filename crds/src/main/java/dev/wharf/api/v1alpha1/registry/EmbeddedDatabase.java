package dev.wharf.api.v1alpha1.registry;

/** The embedded H2 database, kept on the registry's storage volume. It has no settings. */
public record EmbeddedDatabase() {}
