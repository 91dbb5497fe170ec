package dev.wharf.cli.artifact;

import dev.wharf.cli.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wharf artifact push FORMAT}. */
@Command(
        name = "push",
        description = "Push files as a version of a package.",
        subcommands = PushGeneric.class,
        footerHeading = "%nExample:%n",
        footer = "  wharf artifact push generic --registry generic --package tool --version 1.4.0 tool.tar.gz")
public final class PushCommand {

    @Mixin
    @SuppressWarnings("unused") // picocli reads it
    private HelpOption help = new HelpOption();
}
