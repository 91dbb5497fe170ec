package dev.wharf.cli.artifact;

import picocli.CommandLine.Option;

/** {@code --registry}, {@code --package} and {@code --version}: one version, all required. */
final class Version {

    @Option(names = "--registry", required = true, paramLabel = "REGISTRY", description = "the registry")
    String registry = "";

    @Option(names = "--package", required = true, paramLabel = "PACKAGE", description = "the package")
    String packageName = "";

    @Option(names = "--version", required = true, paramLabel = "VERSION", description = "the version")
    String version = "";

    String describe() {
        return packageName + " " + version + " in " + registry;
    }
}
