package dev.wharf.cli.artifact;

import dev.wharf.cli.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wharf artifact}: packages, versions and files. */
@Command(
        name = "artifact",
        aliases = "art",
        description = "List, push, pull, copy, delete and download packages and their versions.",
        subcommands = {
            ArtifactList.class,
            PushCommand.class,
            PullCommand.class,
            ArtifactCopy.class,
            ArtifactDelete.class,
            ArtifactDownload.class
        },
        footerHeading = "%nExample:%n",
        footer = "  wharf art list --registry generic --package tool")
public final class ArtifactCommand {

    @Mixin
    @SuppressWarnings("unused") // picocli reads it
    private HelpOption help = new HelpOption();
}
