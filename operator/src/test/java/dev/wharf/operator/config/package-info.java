/** Tests of dev.wharf.operator.config. */
@NullMarked
package dev.wharf.operator.config;

import org.jspecify.annotations.NullMarked;
