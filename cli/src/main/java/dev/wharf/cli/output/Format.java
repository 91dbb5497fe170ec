package dev.wharf.cli.output;

/** How a command prints what it got: a table for people, or the API's document for scripts. */
public enum Format {
    table,
    json,
    yaml
}
