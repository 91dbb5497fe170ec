/**
 * Setup Client: what a client needs to use a registry (login, push and pull commands, its configuration files), each
 * format contributing its own through {@link dev.wharf.runtime.setup.FormatSetup}.
 */
@NullMarked
package dev.wharf.runtime.setup;

import org.jspecify.annotations.NullMarked;
