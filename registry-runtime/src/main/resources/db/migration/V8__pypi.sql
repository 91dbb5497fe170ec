-- The PyPI format's own tables, version 8. Portable SQL, as V1__core.sql says.
--
-- A project is a package (its PEP 503 normalized name), a release a version (its PEP 440 normal form), and each
-- distribution file a file of the version, with a wheel's core metadata file (PEP 658) beside it as the file
-- <wheel>.metadata. A version's yank reason (PEP 592) is its metadata entry pypi.yanked. What the core tables have no
-- place for is here.

-- Every file name ever uploaded to a registry: PyPI's rule is that a file name, once used, can never be uploaded
-- again, even after the file is deleted, so that a name always means the same bytes. Rows stay when files go; a purge
-- of the registry forgets them.
CREATE TABLE pypi_filename (
    registry_id BIGINT                   NOT NULL REFERENCES registry (id) ON DELETE CASCADE,
    filename    VARCHAR(255)             NOT NULL,
    project     VARCHAR(512)             NOT NULL,
    sha256      VARCHAR(64)              NOT NULL,
    uploaded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pypi_filename_pkey PRIMARY KEY (registry_id, filename)
);

-- The core metadata of each uploaded distribution file (the wheel's METADATA or the sdist's PKG-INFO), as the simple
-- API and the management API show it; requires_dist and classifiers hold one entry a line. Deleted with its version.
CREATE TABLE pypi_distribution (
    version_id       BIGINT                   NOT NULL REFERENCES version (id) ON DELETE CASCADE,
    filename         VARCHAR(255)             NOT NULL,
    metadata_version VARCHAR(16)              NOT NULL,
    summary          VARCHAR(512),
    license          VARCHAR(4096),
    requires_python  VARCHAR(255),
    requires_dist    VARCHAR(65536),
    classifiers      VARCHAR(65536),
    md5              VARCHAR(32),
    blake2_256       VARCHAR(64),
    uploaded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pypi_distribution_pkey PRIMARY KEY (version_id, filename)
);
