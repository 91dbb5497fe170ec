package dev.wharf.runtime.pypi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads a tar stream entry by entry (POSIX ustar, with pax {@code path} records and GNU long names, as setuptools,
 * hatchling and flit write sdists), skipping the bodies the caller does not read; nothing is buffered but one header.
 */
final class TarEntries {

    private static final int BLOCK = 512;
    private static final int MAX_LONG_NAME = 64 * 1024;

    private final InputStream in;
    private long remaining;
    private long padding;

    TarEntries(InputStream in) {
        this.in = in;
    }

    /** A regular file's path and size, its body next in the stream. */
    record Entry(String path, long size) {}

    /** The next regular file; null at the end of the archive. */
    @Nullable Entry next() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        String longName = null;
        while (true) {
            byte[] header = in.readNBytes(BLOCK);
            if (header.length < BLOCK) {
                throw new IOException("the tar archive ends inside a header");
            }
            if (isZero(header)) {
                return null;
            }
            long size = size(header);
            long pad = (BLOCK - size % BLOCK) % BLOCK;
            char type = (char) header[156];
            if (type == 'x' || type == 'L') {
                if (size > MAX_LONG_NAME) {
                    throw new IOException("a tar extended header of " + size + " bytes is too long");
                }
                byte[] body = in.readNBytes((int) size);
                skip(pad);
                longName = type == 'L' ? text(body, 0, body.length) : paxPath(body, longName);
                continue;
            }
            String name = longName != null ? longName : name(header);
            longName = null;
            if (type == '0' || type == '\0' || type == '7') {
                remaining = size;
                padding = pad;
                return new Entry(name, size);
            }
            skip(size + pad);
        }
    }

    /** The body of the entry {@link #next} returned, at most {@code max} bytes; an error when it has more. */
    byte[] body(int max) throws IOException {
        if (remaining > max) {
            throw new IOException("the entry has " + remaining + " bytes; at most " + max + " are read");
        }
        byte[] body = in.readNBytes((int) remaining);
        if (body.length < remaining) {
            throw new IOException("the tar archive ends inside an entry");
        }
        remaining = 0;
        return body;
    }

    private void skip(long bytes) throws IOException {
        long skipped = in.skip(bytes);
        while (skipped < bytes) {
            if (in.read() < 0) {
                throw new IOException("the tar archive ends inside an entry");
            }
            skipped++;
            skipped += in.skip(bytes - skipped);
        }
    }

    private static String name(byte[] header) {
        String name = text(header, 0, 100);
        boolean ustar = text(header, 257, 5).equals("ustar");
        String prefix = ustar ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static @Nullable String paxPath(byte[] body, @Nullable String current) {
        String records = new String(body, StandardCharsets.UTF_8);
        int at = 0;
        String path = current;
        while (at < records.length()) {
            int space = records.indexOf(' ', at);
            if (space < 0) {
                break;
            }
            int length = Integer.parseInt(records.substring(at, space));
            if (length <= 0 || at + length > records.length()) {
                break;
            }
            String record = records.substring(space + 1, at + length - 1);
            if (record.startsWith("path=")) {
                path = record.substring("path=".length());
            }
            at += length;
        }
        return path;
    }

    private static long size(byte[] header) throws IOException {
        if ((header[124] & 0x80) != 0) {
            long size = 0;
            for (int i = 125; i < 136; i++) {
                size = (size << 8) | (header[i] & 0xff);
            }
            return size;
        }
        String octal = text(header, 124, 12).strip();
        try {
            return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
        } catch (NumberFormatException e) {
            throw new IOException("a tar header has the size '" + octal + "', which is not an octal number");
        }
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
