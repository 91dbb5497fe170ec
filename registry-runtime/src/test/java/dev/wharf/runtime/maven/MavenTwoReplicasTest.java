package dev.wharf.runtime.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.WharfRuntimeApplication;
import dev.wharf.runtime.metadata.TestDatabase;
import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two runtimes sharing one PostgreSQL database and one S3 bucket, as two replicas of a Registry's Deployment do, take
 * deploys of one artifact at the same time, builds alternating between them: each replica's {@code maven-metadata.xml}
 * then lists the versions and builds deployed through the other, and serves their files.
 */
class MavenTwoReplicasTest {

    private static final String REGISTRY = "replicated-jars";

    @TempDir
    static Path root;

    private static TestDatabase database;
    private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();
    private static List<String> repositories = List.of();

    @BeforeAll
    static void startTwoReplicas() throws IOException {
        database = TestDatabase.postgres();
        String prefix = "maven-replica-tests/" + UUID.randomUUID() + "/";
        List<String> urls = new ArrayList<>();
        for (String name : List.of("first", "second")) {
            Path replicaRoot = root.resolve(name);
            Path config = replicaRoot.resolve("config");
            TestRuntime.writeConfiguration(config);
            Files.writeString(config.resolve("replicated.yaml"), registry(prefix));
            ConfigurableApplicationContext replica = new SpringApplicationBuilder(WharfRuntimeApplication.class)
                    .run(
                            "--server.port=0",
                            "--wharf.config-dir=" + config,
                            "--wharf.data-dir=" + replicaRoot.resolve("data"),
                            "--wharf.secrets.dir=" + replicaRoot.resolve("no-mounted-secrets"),
                            "--wharf.config-watch.enabled=false",
                            "--wharf.database.url=" + database.settings().url().r2dbcUrl(),
                            "--wharf.database.username=" + database.settings().username(),
                            "--wharf.database.password=" + database.settings().password());
            replicas.add(replica);
            urls.add("http://localhost:" + replica.getEnvironment().getProperty("local.server.port") + "/maven/"
                    + REGISTRY);
        }
        repositories = List.copyOf(urls);
    }

    @AfterAll
    static void stopReplicas() {
        replicas.forEach(ConfigurableApplicationContext::close);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void versionsDeployedConcurrentlyThroughBothReplicasShouldBeListedByEach() {
        ResolverDeploys deploys = new ResolverDeploys("org.example.replicated", "versions");

        ResolverDeploys.concurrently(MavenConcurrentDeploysTest.versionDeploys(deploys, repositories));

        for (String repository : repositories) {
            MavenConcurrentDeploysTest.assertEveryVersionListed(deploys, repository);
        }
    }

    @Test
    void buildsOfOneSnapshotDeployedConcurrentlyThroughBothReplicasShouldBeListedByEach() {
        ResolverDeploys deploys = new ResolverDeploys("org.example.replicated", "builds");

        ResolverDeploys.concurrently(MavenConcurrentDeploysTest.buildDeploys(deploys, repositories));

        for (String repository : repositories) {
            MavenConcurrentDeploysTest.assertEveryBuildListed(deploys, repository);
        }
    }

    private static String registry(String prefix) {
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: replicated-s3
                stringData:
                  accessKey: %s
                  secretKey: %s
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: %s
                spec:
                  format: maven
                  storage:
                    s3:
                      endpoint: "%s"
                      bucket: %s
                      prefix: %s
                      credentialsSecret: replicated-s3
                  access:
                    usersSecret: test-users
                    rules:
                      - {subjects: [{group: readers}], role: read}
                      - {subjects: [{group: writers}], role: write}
                """.formatted(
                        env("WHARF_TEST_S3_ACCESS_KEY"),
                        env("WHARF_TEST_S3_SECRET_KEY"),
                        REGISTRY,
                        env("WHARF_TEST_S3_ENDPOINT"),
                        env("WHARF_TEST_S3_BUCKET"),
                        prefix);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        assertThat(value)
                .as(
                        "the replica tests need %s: run `scripts/test-services start` and then"
                                + " `eval \"$(scripts/test-services env)\"` (scripts/test does both)",
                        name)
                .isNotBlank();
        return value;
    }
}
