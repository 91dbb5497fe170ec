/** The wharf command-line client: its commands, their options and exit codes. */
@NullMarked
package dev.wharf.cli;

import org.jspecify.annotations.NullMarked;
