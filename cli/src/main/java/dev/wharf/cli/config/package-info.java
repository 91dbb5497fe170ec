/** The client's own configuration file: the server and the token it logged in with. */
@NullMarked
package dev.wharf.cli.config;

import org.jspecify.annotations.NullMarked;
