package dev.wharf.cli.registry;

import dev.wharf.cli.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wharf registry}: the registries a runtime serves. */
@Command(
        name = "registry",
        aliases = "reg",
        description = "List and inspect registries, show how a client uses one, configure a client for one.",
        subcommands = {
            RegistryList.class,
            RegistryGet.class,
            RegistrySetup.class,
            ConfigureCommand.class,
            MetadataCommand.class
        },
        footerHeading = "%nExample:%n",
        footer = "  wharf reg list")
public final class RegistryCommand {

    @Mixin
    @SuppressWarnings("unused") // picocli reads it
    private HelpOption help = new HelpOption();
}
