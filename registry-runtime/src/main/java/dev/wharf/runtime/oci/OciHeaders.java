package dev.wharf.runtime.oci;

/** The header names of the distribution spec and the Docker registry API. */
final class OciHeaders {

    static final String CONTENT_DIGEST = "Docker-Content-Digest";
    static final String UPLOAD_UUID = "Docker-Upload-UUID";
    static final String UPLOAD_SESSION = "Blob-Upload-Session-ID";
    static final String CHUNK_MIN_LENGTH = "OCI-Chunk-Min-Length";
    static final String SUBJECT = "OCI-Subject";
    static final String FILTERS_APPLIED = "OCI-Filters-Applied";
    static final String API_VERSION = "Docker-Distribution-API-Version";

    private OciHeaders() {}
}
