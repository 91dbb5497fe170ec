package dev.wharf.runtime.purge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.registry.FilesystemStorage;
import dev.wharf.api.v1alpha1.registry.Storage;
import dev.wharf.runtime.WharfRuntimeApplication;
import dev.wharf.runtime.metadata.AuditTrail;
import dev.wharf.runtime.metadata.DatabaseProperties;
import dev.wharf.runtime.metadata.DatabaseSettings;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.NewFile;
import dev.wharf.runtime.metadata.Registries;
import dev.wharf.runtime.metadata.RegistryRecord;
import dev.wharf.runtime.storage.BlobStore;
import dev.wharf.runtime.storage.BlobStoreFactory;
import dev.wharf.runtime.storage.Digest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

/**
 * The purge command as a Job runs it: the runtime's main class in a child JVM with {@code --wharf.purge.registry},
 * on the configuration directory and the data directory (filesystem blobs, embedded H2) a server used.
 */
class PurgeCommandProcessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT = Duration.ofSeconds(120);

    @TempDir
    Path configDir;

    @TempDir
    Path dataDir;

    @TempDir
    Path secretsDir;

    @TempDir
    Path logs;

    private Digest purgedBlob;
    private Digest keptBlob;

    @BeforeEach
    void twoRegistriesOnTheDataDirectory() throws IOException {
        java.nio.file.Files.writeString(configDir.resolve("files.yaml"), """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata: {name: files}
                spec:
                  format: generic
                  storage: {filesystem: {}}
                  database: {embedded: {}}
                """);
        java.nio.file.Files.writeString(configDir.resolve("remote.yaml"), """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata: {name: remote}
                spec:
                  format: generic
                  storage: {s3: {endpoint: "http://127.0.0.1:9", bucket: wharf, credentialsSecret: s3-creds}}
                  database: {embedded: {}}
                """);
        try (MetadataDatabase database = open();
                BlobStoreFactory stores = new BlobStoreFactory(dataDir, (secret, key) -> Optional.empty())) {
            BlobStore store = stores.forRegistry("files", new Storage(new FilesystemStorage(null, null), null));
            purgedBlob = push(database, store, "files", "only the purged registry holds this");
            keptBlob = push(database, store, "other", "the other registry holds this");
        }
    }

    @Test
    void purgeCommandShouldPurgeTheRegistryAndExitZeroWithoutTheHttpPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Run run = run("--wharf.purge.registry=files", "--server.port=" + taken.getLocalPort());

            assertThat(run.exitCode()).as(run.log()).isEqualTo(PurgeCommand.PURGED);
            assertThat(run.log()).contains("Registry files purged");
        }
        try (MetadataDatabase database = open()) {
            Registries registries = new Registries(database, Clock.systemUTC());
            assertThat(registries.find("files").blockOptional(TIMEOUT)).isEmpty();
            assertThat(registries.find("other").blockOptional(TIMEOUT)).isPresent();
        }
        assertThat(blobFile(purgedBlob)).doesNotExist();
        assertThat(blobFile(keptBlob)).exists();

        Run again = run("--wharf.purge.registry=files");

        assertThat(again.exitCode()).as(again.log()).isEqualTo(PurgeCommand.PURGED);
        assertThat(again.log()).contains("Registry files: nothing left to purge");
    }

    @Test
    void purgeCommandWhenTheRegistryIsNotConfiguredShouldExitTwoNamingIt() throws Exception {
        Run run = run("--wharf.purge.registry=other");

        assertThat(run.exitCode()).as(run.log()).isEqualTo(PurgeCommand.UNUSABLE);
        assertThat(run.log()).contains("has no Registry named 'other'").contains("--wharf.purge.blobs=false");
        assertThat(blobFile(keptBlob)).exists();
    }

    @Test
    void purgeCommandWhenTheBlobStoreCannotBeUsedShouldExitOneHavingDeletedNothing() throws Exception {
        Run run = run("--wharf.purge.registry=remote");

        assertThat(run.exitCode()).as(run.log()).isEqualTo(PurgeCommand.FAILED);
        assertThat(run.log())
                .contains("Cannot purge registry remote: its blob store cannot be used")
                .contains("the Secret 's3-creds' named by spec.storage.s3.credentialsSecret has no key 'accessKey'")
                .contains("nothing was deleted");
    }

    private MetadataDatabase open() {
        return MetadataDatabase.open(DatabaseSettings.resolve(
                new DatabaseProperties(null, null, null, null, 5, Duration.ofSeconds(10)), dataDir));
    }

    private static Digest push(MetadataDatabase database, BlobStore store, String registry, String content) {
        Digest digest = SharedStorage.block(store.put(
                        Flux.just(
                                DefaultDataBufferFactory.sharedInstance.wrap(content.getBytes(StandardCharsets.UTF_8))),
                        null,
                        1 << 20))
                .digest();
        RegistryRecord record =
                SharedStorage.block(new Registries(database, Clock.systemUTC()).ensure(registry, "generic"));
        SharedStorage.block(new Files(database, new AuditTrail(database), Clock.systemUTC())
                .record(new NewFile(
                        record.id(),
                        "app",
                        "1.0",
                        "app.txt",
                        digest,
                        content.length(),
                        "text/plain",
                        "user:alice",
                        null,
                        NewFile.Overwrite.REFUSE)));
        return digest;
    }

    private Path blobFile(Digest digest) {
        return dataDir.resolve("blobs/sha256")
                .resolve(digest.hex().substring(0, 2))
                .resolve(digest.hex());
    }

    private Run run(String... purgeArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx256m",
                WharfRuntimeApplication.class.getName(),
                "--wharf.config-dir=" + configDir,
                "--wharf.data-dir=" + dataDir,
                "--wharf.secrets.dir=" + secretsDir));
        command.addAll(List.of(purgeArgs));
        Path log = java.nio.file.Files.createTempFile(logs, "purge", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Process process = builder.start();
        if (!process.waitFor(EXIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the purge did not exit within " + EXIT + ":\n"
                    + java.nio.file.Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), java.nio.file.Files.readString(log, StandardCharsets.UTF_8));
    }

    /** How a purge process ended. */
    private record Run(int exitCode, String log) {}
}
