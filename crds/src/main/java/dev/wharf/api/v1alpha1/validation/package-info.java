/** Validation of Wharf manifests with the rules of the generated CRDs: their schemas and their CEL rules. */
@NullMarked
package dev.wharf.api.v1alpha1.validation;

import org.jspecify.annotations.NullMarked;
