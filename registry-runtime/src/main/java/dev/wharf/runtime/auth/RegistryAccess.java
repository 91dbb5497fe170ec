package dev.wharf.runtime.auth;

/** What authentication and authorization need to know of one registry: its name, roles and users. */
public record RegistryAccess(String registry, AccessPolicy policy, UserDirectory users) {}
