-- The OCI (docker) format's own tables, version 2. Portable SQL, as V1__core.sql says.
--
-- An OCI repository is a package, a manifest a version (version and digest hold its digest), a tag a tag, and the
-- manifest's bytes and the blobs it references are the version's files; so storage accounting, download counts and
-- garbage collection see images like any other content. What the core tables have no place for is here.

-- The blobs a repository may serve: one row per blob uploaded to, or mounted into, the repository. A blob is only
-- readable through a repository that links it (the distribution spec's per-repository access), even when the
-- registry's store holds it for another repository. Linking claims the blob in blob_ref (V1's protocol), so that a
-- blob uploaded but not yet referenced by a manifest is safe from garbage collection for the grace period.
CREATE TABLE oci_blob_link (
    registry_id BIGINT                   NOT NULL REFERENCES registry (id) ON DELETE CASCADE,
    repository  VARCHAR(512)             NOT NULL,
    digest      VARCHAR(160)             NOT NULL,
    size_bytes  BIGINT                   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT oci_blob_link_pkey PRIMARY KEY (registry_id, repository, digest)
);
CREATE INDEX oci_blob_link_digest_idx ON oci_blob_link (registry_id, digest);

-- A blob upload in progress, so that it survives a restart of the runtime: its bytes so far are stored as chunk blobs
-- (content-addressed like any blob, claimed in blob_ref) and listed in oci_upload_chunk in order.
CREATE TABLE oci_upload (
    id          VARCHAR(64)              NOT NULL PRIMARY KEY,
    registry_id BIGINT                   NOT NULL REFERENCES registry (id) ON DELETE CASCADE,
    repository  VARCHAR(512)             NOT NULL,
    size_bytes  BIGINT                   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX oci_upload_updated_idx ON oci_upload (updated_at);

-- The chunks of an upload, keyed by the offset of their first byte in the blob being uploaded.
CREATE TABLE oci_upload_chunk (
    upload_id    VARCHAR(64)  NOT NULL REFERENCES oci_upload (id) ON DELETE CASCADE,
    start_offset BIGINT       NOT NULL,
    digest       VARCHAR(160) NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    CONSTRAINT oci_upload_chunk_pkey PRIMARY KEY (upload_id, start_offset)
);
