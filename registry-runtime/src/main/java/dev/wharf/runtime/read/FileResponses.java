package dev.wharf.runtime.read;

import dev.wharf.runtime.metadata.FileRecord;
import dev.wharf.runtime.web.BlobBody;
import dev.wharf.runtime.web.RequestedRanges;
import dev.wharf.runtime.web.ServedRegistry;
import dev.wharf.runtime.web.WebMetrics;
import io.netty.handler.codec.DateFormatter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Answers a GET or HEAD of a stored file: streamed from its blob, with its content type, its sha256 as
 * {@code ETag} and {@code X-Checksum-Sha256}, the time it was stored as {@code Last-Modified}, {@code 304} for a
 * matching {@code If-None-Match} (or, without one, an {@code If-Modified-Since} not before that time), and one byte range
 * ({@code 206}) or several ({@code multipart/byteranges}) when the request asks for them, by the rules of
 * {@link RequestedRanges}; where it came from in the {@code X-Wharf-*} headers ({@link ReadOrigin}). A download that
 * starts at the first byte is counted.
 */
public final class FileResponses {

    /** The header carrying a file's sha256 in hex, as Artifactory and Nexus name it. */
    public static final String CHECKSUM_HEADER = "X-Checksum-Sha256";

    private final ReadPipeline reads;
    private final WebMetrics metrics;

    public FileResponses(ReadPipeline reads, WebMetrics metrics) {
        this.reads = reads;
        this.metrics = metrics;
    }

    /** The response serving {@code file} of {@code registry}'s own content, as the management API does. */
    public Mono<ServerResponse> serve(ServerRequest request, ServedRegistry registry, FileRecord file) {
        return serve(request, registry, new Sourced<>(file, ReadOrigin.own(registry.name(), false)));
    }

    /** The response serving the file a {@linkplain ReadPipeline read} found in {@code registry}. */
    public Mono<ServerResponse> serve(ServerRequest request, ServedRegistry registry, Sourced<FileRecord> found) {
        FileRecord file = found.content();
        String etag = "\"" + file.digest().hex() + "\"";
        if (notModified(request, etag, file.createdAt())) {
            return ServerResponse.status(HttpStatus.NOT_MODIFIED)
                    .eTag(etag)
                    .headers(found.origin()::describe)
                    .build();
        }
        RequestedRanges ranges =
                RequestedRanges.parse(request.headers().firstHeader(HttpHeaders.RANGE), file.sizeBytes());
        BlobBody body = BlobBody.of(registry, file.digest(), ranges, MediaType.parseMediaType(file.contentType()));
        ServerResponse.BodyBuilder response = ServerResponse.status(body.status())
                .headers(body::describe)
                .eTag(etag)
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header(CHECKSUM_HEADER, file.digest().hex())
                .headers(found.origin()::describe)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(fileName(file.path()))
                                .build()
                                .toString());
        // Last-Modified is set as the response is written, not on the builder: the framework would parse it back on
        // every response to evaluate preconditions, which notModified has done already.
        String lastModified = DateFormatter.format(Date.from(file.createdAt()));
        if (HttpMethod.HEAD.equals(request.method())) {
            return response.build((exchange, context) -> {
                exchange.getResponse().getHeaders().set(HttpHeaders.LAST_MODIFIED, lastModified);
                return exchange.getResponse().setComplete();
            });
        }
        if (ranges.fromFirstByte()) {
            reads.recordDownload(file);
        }
        BodyInserter<Void, ReactiveHttpOutputMessage> bytes = body.inserter(metrics);
        return response.body((message, context) -> {
            message.getHeaders().set(HttpHeaders.LAST_MODIFIED, lastModified);
            return bytes.insert(message, context);
        });
    }

    /**
     * Whether the client's copy is current (RFC 9110, section 13.2.2): its {@code If-None-Match} names the file's
     * ETag, or it sends none and its {@code If-Modified-Since} is not before the time the file was stored (to the
     * second, as the header has it).
     */
    private static boolean notModified(ServerRequest request, String etag, Instant stored) {
        List<String> ifNoneMatch = request.headers().header(HttpHeaders.IF_NONE_MATCH);
        if (!ifNoneMatch.isEmpty()) {
            return ifNoneMatch.contains(etag);
        }
        @Nullable String ifModifiedSince = request.headers().firstHeader(HttpHeaders.IF_MODIFIED_SINCE);
        if (ifModifiedSince == null) {
            return false;
        }
        @Nullable Date since = DateFormatter.parseHttpDate(ifModifiedSince);
        return since != null && !stored.truncatedTo(ChronoUnit.SECONDS).isAfter(since.toInstant());
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
