/**
 * The Maven format under {@code /maven/<registry>/}: the Maven 2 repository layout, deployed with HTTP PUT and read
 * with GET and HEAD, its {@code maven-metadata.xml} documents and checksums generated from what is stored.
 */
@NullMarked
package dev.wharf.runtime.maven;

import org.jspecify.annotations.NullMarked;
