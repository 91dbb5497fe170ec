package dev.wharf.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteBehindTest {

    /** Holds the flushes handed to it until the test runs them. */
    private static final class HeldTasks implements Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            List<Runnable> due = new ArrayList<>(tasks);
            tasks.clear();
            due.forEach(Runnable::run);
        }
    }

    @Test
    void startsAFlushOnceAnIntervalOfBytesIsWrittenAndNotBefore(@TempDir Path dir) throws Exception {
        HeldTasks executor = new HeldTasks();
        try (FileChannel channel = open(dir)) {
            WriteBehind flusher = new WriteBehind(channel, executor);
            flusher.written(WriteBehind.INTERVAL - 1);
            assertThat(executor.tasks).isEmpty();
            flusher.written(1);
            assertThat(executor.tasks).hasSize(1);
        }
    }

    @Test
    void neverRunsTwoFlushesAtOnce(@TempDir Path dir) throws Exception {
        HeldTasks executor = new HeldTasks();
        try (FileChannel channel = open(dir)) {
            WriteBehind flusher = new WriteBehind(channel, executor);
            flusher.written(WriteBehind.INTERVAL);
            flusher.written(WriteBehind.INTERVAL);
            flusher.written(WriteBehind.INTERVAL);
            assertThat(executor.tasks).hasSize(1);

            executor.runAll();
            flusher.written(WriteBehind.INTERVAL);
            assertThat(executor.tasks).hasSize(1);
        }
    }

    @Test
    void finishWaitsForTheRunningFlushAndMakesTheFileDurable(@TempDir Path dir) throws Exception {
        try (FileChannel channel = open(dir)) {
            WriteBehind flusher = new WriteBehind(channel, Thread.ofVirtual()::start);
            ByteBuffer bytes = ByteBuffer.allocate(1 << 20);
            long written = 0;
            while (written < WriteBehind.INTERVAL + bytes.capacity()) {
                bytes.clear();
                written += channel.write(bytes);
                flusher.written(bytes.capacity());
            }
            flusher.finish();
            assertThat(channel.size()).isEqualTo(written);
        }
    }

    @Test
    void aFailedBackgroundFlushFailsTheFinish(@TempDir Path dir) throws Exception {
        HeldTasks executor = new HeldTasks();
        FileChannel channel = open(dir);
        WriteBehind flusher = new WriteBehind(channel, executor);
        flusher.written(WriteBehind.INTERVAL);
        channel.close();
        executor.runAll();
        assertThatThrownBy(flusher::finish).isInstanceOf(IOException.class).hasMessageContaining("could not flush");
    }

    private static FileChannel open(Path dir) throws Exception {
        return FileChannel.open(dir.resolve("upload"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
}
