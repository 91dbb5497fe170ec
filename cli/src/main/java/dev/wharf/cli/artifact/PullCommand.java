package dev.wharf.cli.artifact;

import dev.wharf.cli.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wharf artifact pull FORMAT}. */
@Command(
        name = "pull",
        description = "Pull the files of a version of a package.",
        subcommands = PullGeneric.class,
        footerHeading = "%nExample:%n",
        footer = "  wharf artifact pull generic --registry generic --package tool --version 1.4.0 --dest out/")
public final class PullCommand {

    @Mixin
    @SuppressWarnings("unused") // picocli reads it
    private HelpOption help = new HelpOption();
}
