-- The npm format's own tables, version 7. Portable SQL, as V1__core.sql says.
--
-- An npm package is a package, a published version a version whose one file is its tarball (path <name>-<version>.tgz,
-- the name without its scope), and a dist-tag a tag; so listings, download counts, copies and garbage collection see
-- npm content like any other. What the core tables have no place for is here.

-- The version document as it was published (package.json's fields and the dist block, the tarball URL left out: it
-- is written for each request), with what npm shows of it.
CREATE TABLE npm_version (
    version_id   BIGINT                   NOT NULL PRIMARY KEY REFERENCES version (id) ON DELETE CASCADE,
    -- The version document, JSON in UTF-8.
    manifest     BYTEA                    NOT NULL,
    -- dist.integrity (sha512-<base64>) and dist.shasum (sha1 hex) of the tarball, as the publish verified them.
    integrity    VARCHAR(200)             NOT NULL,
    shasum       VARCHAR(40)              NOT NULL,
    -- npm deprecate's message; null while the version is not deprecated.
    deprecated   VARCHAR(4096),
    published_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What a packument says of the package beside its versions: the readme of its latest publish, and when the package
-- last changed (a publish, a dist-tag, a deprecation, an unpublish).
CREATE TABLE npm_package (
    package_id  BIGINT                   NOT NULL PRIMARY KEY REFERENCES package (id) ON DELETE CASCADE,
    readme      BYTEA,
    modified_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every version ever published to a registry, kept when it is unpublished: npm's rule is that a name and version,
-- once used, can never be published again, so that a lock file's integrity can never be met by other content.
CREATE TABLE npm_published (
    registry_id  BIGINT                   NOT NULL REFERENCES registry (id) ON DELETE CASCADE,
    package_name VARCHAR(512)             NOT NULL,
    version      VARCHAR(255)             NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT npm_published_pkey PRIMARY KEY (registry_id, package_name, version)
);
