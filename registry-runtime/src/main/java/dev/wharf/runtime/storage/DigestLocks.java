package dev.wharf.runtime.storage;

import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per digest, held while a blob is moved into place or deleted, so that of two uploads of the same content
 * exactly one creates it, and a delete never interleaves with a promotion. Entries live only while in use.
 */
final class DigestLocks {

    private final ConcurrentHashMap<Digest, Entry> locks = new ConcurrentHashMap<>();

    /** Runs {@code work} holding the lock of {@code digest}. */
    <T> T withLock(Digest digest, Callable<T> work) throws Exception {
        Entry entry = locks.compute(digest, (key, existing) -> {
            Entry result = existing == null ? new Entry() : existing;
            result.users++;
            return result;
        });
        entry.lock.lock();
        try {
            return work.call();
        } finally {
            entry.lock.unlock();
            locks.computeIfPresent(digest, (key, existing) -> --existing.users == 0 ? null : existing);
        }
    }

    /** The number of digests locked or waited for, for tests. */
    int size() {
        return locks.size();
    }

    private static final class Entry {
        private final ReentrantLock lock = new ReentrantLock();
        // Guarded by the map's compute on this key.
        private int users;
    }
}
