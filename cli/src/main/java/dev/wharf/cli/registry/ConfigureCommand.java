package dev.wharf.cli.registry;

import dev.wharf.cli.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wharf registry configure}: writes a package client's own configuration file for a registry. */
@Command(
        name = "configure",
        description = {
            "Write a package client's own configuration for a registry, merged into the file: other entries stay.",
            "The credentials are the token `wharf login` saved (revoked by `wharf logout`), or with --new-token one"
                    + " minted for the registry alone."
        },
        subcommands = {ConfigureNpm.class, ConfigureMaven.class, ConfigurePip.class, ConfigureDocker.class},
        footerHeading = "%nExamples:%n",
        footer = {"  wharf registry configure npm npm --scope @acme", "  wharf registry configure maven maven"})
public final class ConfigureCommand {

    @Mixin
    @SuppressWarnings("unused") // picocli reads it
    private HelpOption help = new HelpOption();
}
