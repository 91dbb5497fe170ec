package dev.wharf.runtime.maven;

import dev.wharf.runtime.proxy.ContentCheck;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * The check of a file an upstream serves against the {@code .sha1} it serves beside it, or its {@code .sha256} when it
 * has no {@code .sha1}: a file whose bytes have another checksum is not kept.
 */
final class UpstreamChecksum implements ContentCheck {

    static final UpstreamChecksum INSTANCE = new UpstreamChecksum();

    private static final List<ChecksumAlgorithm> ALGORITHMS = List.of(ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256);

    private UpstreamChecksum() {}

    @Override
    public List<String> companions(String path) {
        return ALGORITHMS.stream()
                .map(algorithm -> path + "." + algorithm.extension())
                .toList();
    }

    @Override
    public Running start() {
        MessageDigest sha1 = ChecksumAlgorithm.SHA1.digest();
        MessageDigest sha256 = ChecksumAlgorithm.SHA256.digest();
        return new Running() {
            @Override
            public void update(DataBuffer buffer) {
                try (DataBuffer.ByteBufferIterator views = buffer.readableByteBuffers()) {
                    while (views.hasNext()) {
                        ByteBuffer view = views.next();
                        sha1.update(view.duplicate());
                        sha256.update(view);
                    }
                }
            }

            @Override
            public @Nullable String mismatch(String companion, byte[] document) {
                ChecksumAlgorithm algorithm = ChecksumAlgorithm.ofFileName(companion)
                        .filter(ALGORITHMS::contains)
                        .orElseThrow(() -> new IllegalArgumentException("no checksum file: " + companion));
                String text = new String(document, StandardCharsets.US_ASCII);
                String actual =
                        HexFormat.of().formatHex((algorithm == ChecksumAlgorithm.SHA1 ? sha1 : sha256).digest());
                String expected = algorithm.parseUploaded(text).orElse(null);
                if (expected == null) {
                    return "cannot be checked: the upstream's " + companion + " is not " + algorithm.hexLength()
                            + " hex digits but '" + MavenPath.printable(text.strip()) + "'";
                }
                return expected.equals(actual)
                        ? null
                        : "have " + algorithm.extension() + " " + actual + ", but the upstream's " + companion
                                + " says " + expected;
            }
        };
    }
}
