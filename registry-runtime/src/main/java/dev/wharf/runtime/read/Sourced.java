package dev.wharf.runtime.read;

/**
 * Content a read found, with where it came from.
 *
 * @param content what the format's step gave
 * @param origin where it came from
 */
public record Sourced<T>(T content, ReadOrigin origin) {}
