package dev.wharf.cli;

/** The exit codes of {@code wharf}, as {@code wharf --help} documents them. */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;

    /** The server refused the request or failed, or a local file could not be read or written. */
    public static final int FAILED = 1;

    /** An unknown command or option, or an argument missing or malformed. */
    public static final int USAGE = 2;

    /** Not logged in, the credentials were refused (401), or they lack the role (403). */
    public static final int AUTH = 3;

    /** What the command names does not exist (404). */
    public static final int NOT_FOUND = 4;

    /** The change conflicts with what is there (409), such as a version that exists. */
    public static final int CONFLICT = 5;

    /** The server could not be reached. */
    public static final int UNREACHABLE = 6;

    private ExitCodes() {}
}
