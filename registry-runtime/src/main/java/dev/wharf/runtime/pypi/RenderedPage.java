package dev.wharf.runtime.pypi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * A page rendered in every form once, with each form's gzipped bytes and entity tag, so that serving it again is a
 * lookup: pages are rendered once per change, not per request.
 */
final class RenderedPage {

    /** One form of the page: its bytes, the same gzipped, and its quoted entity tag. */
    static final class Variant {

        private final byte[] bytes;
        private final byte[] gzipped;
        private final String etag;

        Variant(byte[] bytes, byte[] gzipped, String etag) {
            this.bytes = bytes;
            this.gzipped = gzipped;
            this.etag = etag;
        }

        /** Its bytes, shared: never changed. */
        byte[] bytes() {
            return bytes;
        }

        /** Its bytes gzipped, shared: never changed. */
        byte[] gzipped() {
            return gzipped;
        }

        /** Its quoted entity tag. */
        String etag() {
            return etag;
        }
    }

    private final Map<IndexForm, Variant> variants = new EnumMap<>(IndexForm.class);

    private RenderedPage(Function<IndexForm, byte[]> render) {
        byte[] html = render.apply(IndexForm.HTML);
        for (IndexForm form : IndexForm.values()) {
            byte[] bytes = form.json() ? render.apply(form) : html;
            variants.put(form, variant(form, bytes));
        }
    }

    /** A project page. */
    static RenderedPage of(ProjectPage page) {
        return new RenderedPage(form -> form.json() ? page.json(false) : page.html());
    }

    /** A page whose forms {@code render} writes. */
    static RenderedPage rendered(Function<IndexForm, byte[]> render) {
        return new RenderedPage(render);
    }

    /** The page in {@code form}. */
    Variant variant(IndexForm form) {
        return java.util.Objects.requireNonNull(variants.get(form));
    }

    /** The bytes the cache holds for it. */
    long weight() {
        return variants.values().stream()
                .mapToLong(variant -> variant.bytes().length + variant.gzipped().length)
                .sum();
    }

    private static Variant variant(IndexForm form, byte[] bytes) {
        return new Variant(bytes, gzip(bytes), "\"" + (form.json() ? "j" : "h") + sha256(bytes) + "\"");
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
