/** Tests of what ships the operator: kustomize bases, RBAC, Argo CD health checks, the Helm chart. */
@NullMarked
package dev.wharf.operator.shipping;

import org.jspecify.annotations.NullMarked;
