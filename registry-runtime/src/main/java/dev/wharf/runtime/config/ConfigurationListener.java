package dev.wharf.runtime.config;

/** Told when the configuration changed; {@link RegistryChanges#between} says which Registries did. */
@FunctionalInterface
public interface ConfigurationListener {

    /**
     * Called on the configuration watcher's thread, one change at a time and in order, after {@code current} has
     * replaced {@code previous} in the {@link ConfigurationStore}. Must not block for long; an exception is logged
     * and does not stop the other listeners.
     */
    void onChange(RuntimeConfiguration previous, RuntimeConfiguration current);
}
