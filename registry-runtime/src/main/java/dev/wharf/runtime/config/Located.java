package dev.wharf.runtime.config;

/**
 * A value read from a manifest, with where it was read.
 *
 * @param value the resource
 * @param location its file and document
 */
record Located<T>(T value, ManifestLocation location) {}
