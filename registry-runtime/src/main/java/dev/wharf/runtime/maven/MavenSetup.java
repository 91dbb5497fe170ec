package dev.wharf.runtime.maven;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.setup.ClientSetup;
import dev.wharf.runtime.setup.ClientSetup.Command;
import dev.wharf.runtime.setup.ClientSetup.ConfigFile;
import dev.wharf.runtime.setup.FormatSetup;
import dev.wharf.runtime.setup.SetupContext;
import java.util.List;

/**
 * Setup Client for Maven registries: a {@code <server>} with the credentials and a {@code <mirror>} of everything in
 * {@code settings.xml}, and the project's {@code <distributionManagement>}; the server id is the registry's name.
 */
final class MavenSetup implements FormatSetup {

    @Override
    public Format format() {
        return Format.MAVEN;
    }

    @Override
    public ClientSetup setup(SetupContext context) {
        String id = context.registry();
        String url = context.url("/maven/" + id + "/");
        String settings = """
                <settings>
                  <servers>
                    <server>
                      <id>%1$s</id>
                      <username>%3$s</username>
                      <password>%4$s</password>
                    </server>
                  </servers>
                  <mirrors>
                    <mirror>
                      <id>%1$s</id>
                      <name>Wharf registry %1$s</name>
                      <url>%2$s</url>
                      <mirrorOf>*</mirrorOf>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(xml(id), xml(url), xml(context.username()), xml(context.secret()));
        String distribution = """
                <distributionManagement>
                  <repository>
                    <id>%1$s</id>
                    <url>%2$s</url>
                  </repository>
                  <snapshotRepository>
                    <id>%1$s</id>
                    <url>%2$s</url>
                  </snapshotRepository>
                </distributionManagement>
                """.formatted(xml(id), xml(url));
        return new ClientSetup(
                url,
                List.of(new Command(
                        "mvn",
                        "Maven sends the credentials of the <server> whose id is the repository's; add it to"
                                + " ~/.m2/settings.xml as below",
                        "mvn help:effective-settings")),
                List.of(new Command(
                        "mvn",
                        "deploy the project's artifacts (or add the <distributionManagement> below to its pom.xml)",
                        "mvn deploy -DaltDeploymentRepository=" + id + "::" + url)),
                List.of(new Command(
                        "mvn",
                        "resolve an artifact through the registry (the mirror below sends every request to it)",
                        "mvn dependency:get -Dartifact=<groupId>:<artifactId>:<version>")),
                List.of(
                        new ConfigFile("mvn", "~/.m2/settings.xml", settings),
                        new ConfigFile("mvn", "pom.xml", distribution)));
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
