package dev.wharf.runtime.firewall;

import dev.wharf.api.v1alpha1.firewall.Advisories;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads each policy's OSV archive to the data directory and reads it: conditionally ({@code If-None-Match} with
 * the last {@code ETag}, {@code If-Modified-Since}), streamed to a file and then read entry by entry, so neither the
 * archive nor its documents are held whole in memory; the file is kept, so a restart reads it again without the
 * network. A failed refresh keeps the advisories loaded before.
 */
public final class AdvisoryFeed {

    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryFeed.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Path dir;
    private final OsvArchive archive;
    private final HttpClient http;
    private final Clock clock;
    private final BiConsumer<String, AdvisoryIndex> loaded;
    private final Map<String, AdvisoryIndex> current = new ConcurrentHashMap<>();

    /**
     * @param dir where the archives are kept
     * @param ecosystems the OSV ecosystems to keep, with their name normalisation
     * @param loaded told of every index read, by policy name
     */
    public AdvisoryFeed(
            Path dir,
            Map<String, UnaryOperator<String>> ecosystems,
            HttpClient http,
            Clock clock,
            BiConsumer<String, AdvisoryIndex> loaded) {
        this.dir = dir;
        this.archive = new OsvArchive(ecosystems);
        this.http = http;
        this.clock = clock;
        this.loaded = loaded;
    }

    /**
     * Brings the advisories of the policy {@code policy} up to date from {@code source}: the kept archive first when
     * none is loaded, then the source when it changed.
     *
     * @return the advisories now loaded; empty when none could be read
     */
    public synchronized Optional<AdvisoryIndex> refresh(String policy, Advisories source) {
        Path zip = dir.resolve(policy + ".zip");
        Path tag = dir.resolve(policy + ".etag");
        try {
            Files.createDirectories(dir);
            if (!current.containsKey(policy) && Files.exists(zip)) {
                read(policy, zip);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(source.source().url()))
                    .timeout(TIMEOUT)
                    .GET();
            if (current.containsKey(policy) && Files.exists(tag)) {
                request.header(
                        "If-None-Match",
                        Files.readString(tag, StandardCharsets.UTF_8).strip());
            }
            Path part = dir.resolve(policy + ".zip.part");
            HttpResponse<Path> response = http.send(request.build(), HttpResponse.BodyHandlers.ofFile(part));
            if (response.statusCode() == 304) {
                Files.deleteIfExists(part);
            } else if (response.statusCode() == 200) {
                Files.move(part, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Optional<String> etag = response.headers().firstValue("ETag");
                if (etag.isPresent()) {
                    Files.writeString(tag, etag.get(), StandardCharsets.UTF_8);
                } else {
                    Files.deleteIfExists(tag);
                }
                read(policy, zip);
            } else {
                Files.deleteIfExists(part);
                LOG.warn(
                        "FirewallPolicy {}: the advisory source {} answered {}; the advisories loaded before stay",
                        policy,
                        source.source().url(),
                        response.statusCode());
            }
        } catch (IOException e) {
            LOG.warn(
                    "FirewallPolicy {}: cannot refresh the advisories from {}: {}; the advisories loaded before stay",
                    policy,
                    source.source().url(),
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.ofNullable(current.get(policy));
    }

    private void read(String policy, Path zip) throws IOException {
        long started = System.nanoTime();
        AdvisoryIndex index;
        try (InputStream in = Files.newInputStream(zip)) {
            index = archive.read(in, clock.instant());
        }
        current.put(policy, index);
        loaded.accept(policy, index);
        LOG.info(
                "FirewallPolicy {}: {} advisories loaded ({} documents left out) in {} ms",
                policy,
                index.advisories(),
                index.skipped(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
}
