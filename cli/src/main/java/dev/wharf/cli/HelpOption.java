package dev.wharf.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} on a command; not {@code --version}, which names a package's version in many commands. */
public final class HelpOption {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help, with an example and the exit codes.")
    private boolean help;

    /** Whether help was asked for; picocli answers it before the command runs. */
    public boolean asked() {
        return help;
    }
}
