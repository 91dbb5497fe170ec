package dev.wharf.runtime.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Reads the manifests packaged in the jar under a classpath folder, such as {@code wharf/samples/local/}. A jar has no
 * directory listing, so the files are found with Spring's resource pattern resolver, which walks the jar's entries.
 *
 * <p>The resolver finds the folder through the jar's directory entries, which the maven-jar-plugin and Spring Boot's
 * repackager write; a jar built without them would show no manifests, and the read would report it.
 */
final class PackagedManifestReader implements ManifestSource {

    private final ResourcePatternResolver resources;
    private final String folder;

    /** Reads from {@code folder}, a classpath folder ending in {@code /}. */
    PackagedManifestReader(ResourcePatternResolver resources, String folder) {
        this.resources = resources;
        this.folder = folder;
    }

    @Override
    public ManifestFiles read() {
        List<ManifestFile> files = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (Resource resource : find(problems)) {
            String path = "classpath:" + folder + resource.getFilename();
            try {
                if (resource.contentLength() > ManifestDirectoryReader.MAX_FILE_BYTES) {
                    problems.add(new ConfigProblem(ManifestLocation.file(path), "larger than 1 MiB"));
                } else {
                    files.add(new ManifestFile(path, resource.getContentAsString(StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                problems.add(new ConfigProblem(ManifestLocation.file(path), "cannot read the resource: " + e));
            }
        }
        if (files.isEmpty() && problems.isEmpty()) {
            problems.add(new ConfigProblem(
                    ManifestLocation.file(description()), "no *.yaml or *.yml manifests are packaged there"));
        }
        return new ManifestFiles(files, problems);
    }

    private List<Resource> find(List<ConfigProblem> problems) {
        List<Resource> found = new ArrayList<>();
        for (String pattern : List.of("*.yaml", "*.yml")) {
            try {
                for (Resource resource : resources.getResources("classpath*:" + folder + pattern)) {
                    String name = resource.getFilename();
                    if (name != null
                            && ManifestDirectoryReader.isManifestName(Path.of(name))
                            && found.stream().noneMatch(other -> name.equals(other.getFilename()))) {
                        found.add(resource);
                    }
                }
            } catch (IOException e) {
                problems.add(new ConfigProblem(ManifestLocation.file(description()), "cannot list: " + e));
            }
        }
        found.sort(Comparator.comparing(resource -> String.valueOf(resource.getFilename())));
        return found;
    }

    @Override
    public Optional<Path> watchedDirectory() {
        return Optional.empty();
    }

    @Override
    public String description() {
        return "classpath:" + folder;
    }
}
