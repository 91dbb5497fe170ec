package dev.wharf.runtime.npm;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/**
 * A JSON document to answer: one built here, or one an upstream served (as the transform made it), read as it is sent.
 *
 * @param body its bytes, read when subscribed
 * @param size its length
 * @param etag its entity tag, quoted
 * @param type its content type
 */
record NpmDocument(Flux<DataBuffer> body, long size, String etag, MediaType type) {}
