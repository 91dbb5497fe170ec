/** The operator benchmark of {@code bench/operator} (a main, not a test): many Registries against the mock server. */
@NullMarked
package dev.wharf.operator.bench;

import org.jspecify.annotations.NullMarked;
