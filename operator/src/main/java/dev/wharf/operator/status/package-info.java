/** Status building blocks every controller shares: conditions, their reasons and transition times. */
@NullMarked
package dev.wharf.operator.status;

import org.jspecify.annotations.NullMarked;
