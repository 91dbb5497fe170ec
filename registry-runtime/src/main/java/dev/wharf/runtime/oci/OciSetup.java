package dev.wharf.runtime.oci;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.setup.ClientSetup;
import dev.wharf.runtime.setup.ClientSetup.Command;
import dev.wharf.runtime.setup.ClientSetup.ConfigFile;
import dev.wharf.runtime.setup.FormatSetup;
import dev.wharf.runtime.setup.SetupContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Setup Client for docker registries: docker and podman log in to the host and name images under the registry; helm
 * pushes and pulls charts as OCI artifacts. Over plain HTTP, helm needs {@code --plain-http} and docker an insecure
 * registry entry (docker itself allows localhost).
 */
final class OciSetup implements FormatSetup {

    @Override
    public Format format() {
        return Format.DOCKER;
    }

    @Override
    public ClientSetup setup(SetupContext context) {
        String host = context.host();
        String prefix = host + "/" + context.registry();
        String plain = context.plainHttp() ? " --plain-http" : "";
        String login = "echo '" + context.secret() + "' | %s login " + host + " -u " + context.username()
                + " --password-stdin";
        List<ConfigFile> files = new ArrayList<>();
        String auth = context.secret().startsWith("<")
                ? "<base64 of " + context.username() + ":" + context.secret() + ">"
                : Base64.getEncoder()
                        .encodeToString((context.username() + ":" + context.secret()).getBytes(StandardCharsets.UTF_8));
        files.add(new ConfigFile(
                "docker",
                "~/.docker/config.json",
                "{\n  \"auths\": {\n    \"" + host + "\": {\"auth\": \"" + auth + "\"}\n  }\n}\n"));
        if (context.plainHttp()) {
            files.add(new ConfigFile(
                    "docker", "/etc/docker/daemon.json", "{\n  \"insecure-registries\": [\"" + host + "\"]\n}\n"));
        }
        return new ClientSetup(
                prefix,
                List.of(
                        new Command("docker", "log in to the host", login.formatted("docker")),
                        new Command(
                                "podman",
                                "log in to the host",
                                login.formatted("podman") + (context.plainHttp() ? " --tls-verify=false" : "")),
                        new Command(
                                "helm",
                                "log in for charts stored as OCI artifacts",
                                login.formatted("helm registry") + plain)),
                List.of(
                        new Command(
                                "docker",
                                "tag a local image under the registry and push it",
                                "docker tag <image> " + prefix + "/<name>:<tag> && docker push " + prefix
                                        + "/<name>:<tag>"),
                        new Command(
                                "helm",
                                "push a packaged chart",
                                "helm push <chart>-<version>.tgz oci://" + prefix + plain)),
                List.of(
                        new Command("docker", "pull an image", "docker pull " + prefix + "/<name>:<tag>"),
                        new Command(
                                "helm",
                                "pull a chart",
                                "helm pull oci://" + prefix + "/<chart> --version <version>" + plain)),
                files);
    }
}
