package dev.wharf.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Merging a registry into each client's own file keeps what was there and replaces only the registry's entries. */
class ClientFileMergesTest {

    @Test
    void npmrcMergeShouldReplaceTheRegistryAndTokenLinesAndKeepTheOthers() {
        String existing = """
                ; mine
                registry=https://registry.npmjs.org/
                //localhost:8080/npm/npm/:_authToken=wharf_old
                @other:registry=https://npm.example.com/
                """;

        String merged = NpmrcFile.merge(existing, null, "http://localhost:8080/npm/npm/", "wharf_new");

        assertThat(merged).isEqualTo("""
                ; mine
                registry=http://localhost:8080/npm/npm/
                //localhost:8080/npm/npm/:_authToken=wharf_new
                @other:registry=https://npm.example.com/
                """);
    }

    @Test
    void npmrcMergeWithAScopeShouldLeaveTheDefaultRegistry() {
        String merged = NpmrcFile.merge(
                "registry=https://registry.npmjs.org/\n", "@acme", "https://wharf.example.com/npm/npm/", "wharf_t");

        assertThat(merged).isEqualTo("""
                registry=https://registry.npmjs.org/
                @acme:registry=https://wharf.example.com/npm/npm/
                //wharf.example.com/npm/npm/:_authToken=wharf_t
                """);
    }

    @Test
    void pipConfMergeShouldSetTheIndexInGlobalAndKeepOtherSections() {
        String existing = """
                [global]
                timeout = 60
                index-url = https://pypi.org/simple/

                [install]
                no-cache-dir = true
                """;

        String merged = PipConfFile.merge(existing, "http://t:wharf_x@localhost:8080/pypi/pypi/simple/", "localhost");

        assertThat(merged).isEqualTo("""
                [global]
                timeout = 60
                index-url = http://t:wharf_x@localhost:8080/pypi/pypi/simple/
                trusted-host = localhost

                [install]
                no-cache-dir = true
                """);
    }

    @Test
    void pipConfMergeWithoutAGlobalSectionShouldAddOne() {
        assertThat(PipConfFile.merge("[install]\nno-cache-dir = true\n", "https://w/simple/", null))
                .isEqualTo("[install]\nno-cache-dir = true\n\n[global]\nindex-url = https://w/simple/\n");
    }

    @Test
    void mavenSettingsMergeShouldReplaceTheRegistrysServerAndMirrorAndKeepTheRest() {
        String existing = """
                <?xml version="1.0" encoding="UTF-8"?>
                <settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
                  <!-- my settings -->
                  <localRepository>/data/m2</localRepository>
                  <servers>
                    <server><id>corporate</id><username>me</username><password>secret</password></server>
                    <server><id>maven</id><username>old</username><password>old</password></server>
                  </servers>
                </settings>
                """;

        String merged =
                MavenSettingsFile.merge(existing, "maven", "http://localhost:8080/maven/maven/", "writer", "wharf_t");

        assertThat(merged).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
                  <!-- my settings -->
                  <localRepository>/data/m2</localRepository>
                  <servers>
                    <server>
                      <id>corporate</id>
                      <username>me</username>
                      <password>secret</password>
                    </server>
                    <server>
                      <id>maven</id>
                      <username>writer</username>
                      <password>wharf_t</password>
                    </server>
                  </servers>
                  <mirrors>
                    <mirror>
                      <id>maven</id>
                      <name>Wharf registry maven</name>
                      <url>http://localhost:8080/maven/maven/</url>
                      <mirrorOf>*</mirrorOf>
                    </mirror>
                  </mirrors>
                </settings>
                """);
    }

    @Test
    void dockerConfigMergeShouldAddTheHostAndKeepOtherHostsAndHelpers() {
        String existing = "{\"auths\": {\"ghcr.io\": {\"auth\": \"eA==\"}}, \"credsStore\": \"desktop\"}";

        String merged = DockerConfigFile.merge(existing, "localhost:8080", "writer", "wharf_t");

        assertThat(merged).isEqualTo("""
                {
                  "auths" : {
                    "ghcr.io" : {
                      "auth" : "eA=="
                    },
                    "localhost:8080" : {
                      "auth" : "d3JpdGVyOndoYXJmX3Q="
                    }
                  },
                  "credsStore" : "desktop"
                }
                """);
    }
}
