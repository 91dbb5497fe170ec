package dev.wharf.runtime.api;

import dev.wharf.runtime.metadata.FileRecord;
import dev.wharf.runtime.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Writes a zip of stored files as it is sent: entries are read one after the other, each blob streamed through the
 * compressor a few buffers at a time, so neither the archive nor a file is ever held in memory. The writing runs on a
 * thread that may block, paced by the client's demand.
 */
final class ZipArchive {

    /** A file and its name in the archive. */
    record Entry(String name, FileRecord file) {}

    private static final int CHUNK_BYTES = 64 * 1024;
    private static final int PREFETCH = 2;
    private static final Executor WRITERS = task -> Schedulers.boundedElastic().schedule(task);

    private ZipArchive() {}

    /**
     * The archive's bytes.
     *
     * @param entries the files in archive order; read lazily, once
     * @param written called after each entry is complete (to count the download)
     */
    static Flux<DataBuffer> stream(
            Flux<Entry> entries, BlobStore store, DataBufferFactory buffers, Consumer<FileRecord> written) {
        return Flux.from(DataBufferUtils.outputStreamPublisher(
                out -> write(out, entries, store, written), buffers, WRITERS, CHUNK_BYTES));
    }

    private static void write(OutputStream out, Flux<Entry> entries, BlobStore store, Consumer<FileRecord> written) {
        try (ZipOutputStream zip = new ZipOutputStream(out);
                Stream<Entry> files = entries.toStream(PREFETCH)) {
            for (Iterator<Entry> it = files.iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                ZipEntry zipEntry = new ZipEntry(entry.name());
                zipEntry.setTime(entry.file().createdAt().toEpochMilli());
                zip.putNextEntry(zipEntry);
                copy(store, entry.file(), zip);
                zip.closeEntry();
                written.accept(entry.file());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the blob into the archive; closing the stream cancels the read when the client goes away. */
    private static void copy(BlobStore store, FileRecord file, OutputStream zip) throws IOException {
        Flux<DataBuffer> blob = store.read(file.digest(), null).doOnDiscard(DataBuffer.class, DataBufferUtils::release);
        try (Stream<DataBuffer> chunks = blob.toStream(PREFETCH)) {
            for (Iterator<DataBuffer> it = chunks.iterator(); it.hasNext(); ) {
                try (InputStream in = it.next().asInputStream(true)) {
                    in.transferTo(zip);
                }
            }
        }
    }
}
