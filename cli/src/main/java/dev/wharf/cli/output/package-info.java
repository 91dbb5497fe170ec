/** What the client prints: tables for people, JSON or YAML for scripts, colour only on a terminal. */
@NullMarked
package dev.wharf.cli.output;

import org.jspecify.annotations.NullMarked;
