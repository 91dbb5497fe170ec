-- The upstream engine's mutable documents, version 5. Portable SQL, as V1__core.sql says.
--
-- Tag lists, package documents, simple indexes and maven-metadata the upstreams served, as the format's transform made
-- them, so that after a restart an offline or failing upstream still serves its last copy up to its maxStale. The
-- bytes are kept here rather than in a BlobStore: a document is small and bounded (wharf.proxy.documents.max-bytes),
-- replaced whole on every change, and shared by every replica on one database; a blob would need garbage collection
-- to know it. The runtime bounds the whole table (wharf.proxy.documents.persisted-bytes): rows past servable_until
-- go first, then those checked longest ago.
CREATE TABLE proxy_document (
    registry_id    BIGINT                   NOT NULL REFERENCES registry (id) ON DELETE CASCADE,
    -- The sha256 (hex) of the request's kind, path and Accept list, which may be longer than an index allows.
    cache_key      VARCHAR(64)              NOT NULL,
    -- The request's path or URL, cut to 1000 characters: for an operator to read, never to look up.
    path           VARCHAR(1000)            NOT NULL,
    upstream       VARCHAR(253)             NOT NULL,
    transform_key  VARCHAR(200)             NOT NULL,
    -- The kept response headers, a JSON object of lists (Content-Type, ETag, Last-Modified, ...).
    headers        VARCHAR(16384)           NOT NULL,
    content        BYTEA                    NOT NULL,
    size_bytes     BIGINT                   NOT NULL,
    checked_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    servable_until TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT proxy_document_pkey PRIMARY KEY (registry_id, cache_key)
);

CREATE INDEX proxy_document_checked_at ON proxy_document (checked_at);
