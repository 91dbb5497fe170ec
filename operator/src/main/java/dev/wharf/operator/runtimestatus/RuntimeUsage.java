package dev.wharf.operator.runtimestatus;

/**
 * What a registry holds, as its runtime reports it.
 *
 * @param artifacts the number of versions stored, hosted and cached
 * @param storageBytes the bytes of blob storage used
 */
public record RuntimeUsage(long artifacts, long storageBytes) {}
