-- The PyPI format's own tables, version 12. Portable SQL, as V1__core.sql says.

-- When the upstream says each file kept from it was uploaded: PEP 700's upload-time on the upstream's JSON page, or
-- else the Last-Modified of the file's own answer (a static PEP 503 tree has no other). Its version's published_at is
-- the earliest of them, which the firewall's minimum-age rule reads. Deleted with its version.
CREATE TABLE pypi_upstream_file (
    version_id  BIGINT                   NOT NULL REFERENCES version (id) ON DELETE CASCADE,
    filename    VARCHAR(255)             NOT NULL,
    upstream    VARCHAR(253)             NOT NULL,
    uploaded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    told_by     VARCHAR(16)              NOT NULL,
    CONSTRAINT pypi_upstream_file_pkey PRIMARY KEY (version_id, filename)
);
