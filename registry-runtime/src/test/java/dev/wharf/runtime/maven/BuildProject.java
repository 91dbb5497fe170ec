package dev.wharf.runtime.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small jar project for builds through a proxy: one class, no tests, every plugin of the {@code package} lifecycle
 * pinned, so that each Maven installation asks for the same plugins whatever its defaults.
 */
final class BuildProject {

    /** The {@code dependency:get} goal the tests run, by full coordinates: no plugin prefix to resolve. */
    static final String DEPENDENCY_GET = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get";

    private BuildProject() {}

    /** Writes the project {@code dev.wharf.build:<artifactId>:1.0} into {@code dir}, with these dependencies. */
    static Path write(Path dir, String artifactId, String dependencies) throws IOException {
        Files.createDirectories(dir.resolve("src/main/java/build"));
        Files.writeString(
                dir.resolve("src/main/java/build/App.java"),
                "package build;\n\npublic class App {\n    public static void main(String[] args) {}\n}\n");
        Files.writeString(dir.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.wharf.build</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>%s</dependencies>
                  <build>
                    <pluginManagement>
                      <plugins>
                        <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                        <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                        <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
                        <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                      </plugins>
                    </pluginManagement>
                  </build>
                </project>
                """.formatted(artifactId, dependencies));
        return dir;
    }
}
