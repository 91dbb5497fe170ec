-- The Maven format's own tables, version 6. Portable SQL, as V1__core.sql says.
--
-- An artifact (groupId:artifactId) is a package, a version directory (1.0, 1.0-SNAPSHOT) a version, and every file
-- in that directory (POMs, jars, classifiers, signatures, timestamped snapshot builds) a file of the version. The
-- maven-metadata.xml documents are generated from those rows on every request, so nothing here repeats them.

-- The md5, sha1 and sha512 of a blob's bytes (its sha256 is its digest), computed once, when the bytes are deployed
-- or first asked for, and served as the .md5, .sha1 and .sha512 of every file pointing at the blob. A function of the
-- bytes, so one row serves every registry; it goes with its blob_ref row when the blob is collected.
CREATE TABLE maven_checksum (
    digest VARCHAR(160) NOT NULL PRIMARY KEY REFERENCES blob_ref (digest) ON DELETE CASCADE,
    md5    VARCHAR(32)  NOT NULL,
    sha1   VARCHAR(40)  NOT NULL,
    sha512 VARCHAR(128) NOT NULL
);

-- The plugins of a group, as its maven-metadata.xml lists them for prefix resolution (mvn <prefix>:<goal>): taken
-- from the group metadata the maven-plugin-plugin deploys, kept only for artifacts the registry holds.
CREATE TABLE maven_plugin (
    registry_id BIGINT       NOT NULL REFERENCES registry (id) ON DELETE CASCADE,
    group_id    VARCHAR(255) NOT NULL,
    artifact_id VARCHAR(255) NOT NULL,
    prefix      VARCHAR(255) NOT NULL,
    name        VARCHAR(1024),
    CONSTRAINT maven_plugin_pkey PRIMARY KEY (registry_id, group_id, artifact_id)
);
