/** wharf registry: list, get, setup, and configure a package client's own file for a registry. */
@NullMarked
package dev.wharf.cli.registry;

import org.jspecify.annotations.NullMarked;
