package dev.wharf.cli.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.Session;
import dev.wharf.cli.http.ApiClient;
import dev.wharf.cli.output.Sizes;
import dev.wharf.cli.output.Table;
import dev.wharf.cli.output.Times;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wharf artifact list}: registries, a registry's packages, a package's versions or a version's files. */
@Command(
        name = "list",
        aliases = "ls",
        description = {
            "List level by level: the registries; with --registry its packages; with --package its versions, newest"
                    + " first; with --version its files.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  wharf artifact list",
            "  wharf artifact list --registry npm --page 1 --page-size 20",
            "  wharf art list --registry generic --package tool --version 1.4.0 -o json"
        })
public final class ArtifactList implements Callable<Integer> {

    @Mixin
    private Session session = new Session();

    @Mixin
    private Paging paging = new Paging();

    @Option(names = "--registry", paramLabel = "REGISTRY", description = "list its packages")
    private @Nullable String registry;

    @Option(names = "--package", paramLabel = "PACKAGE", description = "list its versions")
    private @Nullable String packageName;

    @Option(names = "--version", paramLabel = "VERSION", description = "list its files")
    private @Nullable String version;

    @Override
    public Integer call() {
        paging.check();
        ApiClient client = session.client();
        if (registry == null) {
            if (packageName != null || version != null) {
                throw new CliException(ExitCodes.USAGE, "--package and --version need --registry");
            }
            return registries(client);
        }
        if (packageName == null) {
            if (version != null) {
                throw new CliException(ExitCodes.USAGE, "--version needs --package");
            }
            return packages(client, registry);
        }
        if (version == null) {
            return versions(client, registry, packageName);
        }
        return files(client, registry, packageName, version);
    }

    private int registries(ApiClient client) {
        JsonNode page = paging.of(client.get("/api/v1/registries"));
        Table table = new Table("REGISTRY", "FORMAT", "PACKAGES", "VERSIONS", "SIZE");
        for (JsonNode item : page.path("items")) {
            table.row(
                    item.path("name").asText(),
                    item.path("format").asText(),
                    item.path("usage").path("packages").asText("0"),
                    item.path("usage").path("versions").asText("0"),
                    Sizes.human(item.path("usage").path("storageBytes").asLong()));
        }
        return print(page, table, "registries");
    }

    private int packages(ApiClient client, String in) {
        JsonNode page = client.get(
                Coordinates.registry(in) + "/packages?sort=name&page=" + paging.page + "&size=" + paging.size);
        Table table = new Table("PACKAGE", "LATEST", "VERSIONS", "SIZE", "DOWNLOADS", "UPDATED");
        for (JsonNode item : page.path("items")) {
            table.row(
                    item.path("name").asText(),
                    item.path("latestVersion").asText("-"),
                    item.path("versionCount").asText(),
                    Sizes.human(item.path("sizeBytes").asLong()),
                    item.path("downloads").asText(),
                    Times.human(item.path("updatedAt")));
        }
        return print(page, table, "packages");
    }

    private int versions(ApiClient client, String in, String of) {
        JsonNode page = paging.of(client.get(Coordinates.pkg(in, of) + "/versions"));
        Table table = new Table("VERSION", "TAG", "SIZE", "DOWNLOADS", "CREATED", "PUSHED BY");
        for (JsonNode item : page.path("items")) {
            table.row(
                    item.path("version").asText(),
                    item.path("latest").asBoolean() ? "latest" : "",
                    Sizes.human(item.path("sizeBytes").asLong()),
                    item.path("downloads").asText(),
                    Times.human(item.path("createdAt")),
                    item.path("pushedBy").asText(item.path("upstream").asText("-")));
        }
        return print(page, table, "versions");
    }

    private int files(ApiClient client, String in, String of, String at) {
        JsonNode page = paging.of(client.get(Coordinates.version(in, of, at) + "/files"));
        Table table = new Table("FILE", "SIZE", "SHA256", "DOWNLOADS");
        for (JsonNode item : page.path("items")) {
            table.row(
                    item.path("path").asText(),
                    Sizes.human(item.path("size").asLong()),
                    item.path("sha256").asText(),
                    item.path("downloads").asText());
        }
        return print(page, table, "files");
    }

    private int print(JsonNode page, Table table, String what) {
        session.output().print(page, table);
        session.output().line(Paging.footer(page, what));
        return ExitCodes.OK;
    }
}
