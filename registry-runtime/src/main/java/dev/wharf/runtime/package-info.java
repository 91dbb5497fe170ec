/** The Wharf registry runtime: the Spring Boot application and the settings every feature package shares. */
@NullMarked
package dev.wharf.runtime;

import org.jspecify.annotations.NullMarked;
