/** The Registry resource: one registry of one package format, served by its own pods. */
@NullMarked
package dev.wharf.api.v1alpha1.registry;

import org.jspecify.annotations.NullMarked;
