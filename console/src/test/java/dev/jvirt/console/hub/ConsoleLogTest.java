package dev.jvirt.console.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleLogTest {

    @TempDir
    Path dir;

    private static byte[] numbered(int from, int count) {
        byte[] b = new byte[count];
        for (int i = 0; i < count; i++) {
            b[i] = (byte) ('a' + (from + i) % 26);
        }
        return b;
    }

    private long totalSize() throws Exception {
        long n = 0;
        for (Path p : ConsoleLog.files(dir.resolve("console.log"))) {
            n += Files.size(p);
        }
        return n;
    }

    @Test
    void rotatesBySizeAndNeverHoldsMoreThanItsBound() throws Exception {
        Path file = dir.resolve("console.log");
        int written = 0;
        try (ConsoleLog log = ConsoleLog.open(file, 100, 3)) {
            assertThat(log.bound()).isEqualTo(400);
            for (int i = 1; i <= 300; i++) {
                int n = i % 37;
                log.write(numbered(written, n), 0, n);
                written += n;
                assertThat(totalSize()).isLessThanOrEqualTo(400);
                for (Path p : ConsoleLog.files(file)) {
                    assertThat(Files.size(p)).isLessThanOrEqualTo(100);
                }
            }
        }
        assertThat(ConsoleLog.files(file)).extracting(p -> p.getFileName().toString())
                .containsExactly("console.log.3", "console.log.2", "console.log.1", "console.log");
        // What is kept is exactly the newest bytes, in order.
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        long read = ConsoleLogReader.read(file, all);
        assertThat(read).isEqualTo(totalSize()).isGreaterThan(300);
        assertThat(all.toByteArray()).isEqualTo(numbered(written - (int) read, (int) read));
        assertThat(ConsoleLogReader.tail(file, 150)).isEqualTo(numbered(written - 150, 150));
    }

    @Test
    void reopeningAppendsAndDropsFilesBeyondANewSmallerKeep() throws Exception {
        Path file = dir.resolve("console.log");
        try (ConsoleLog log = ConsoleLog.open(file, 10, 5)) {
            log.write(numbered(0, 60), 0, 60);
        }
        assertThat(ConsoleLog.files(file)).hasSize(6);
        try (ConsoleLog log = ConsoleLog.open(file, 10, 1)) {
            assertThat(ConsoleLog.files(file)).hasSize(2);
            log.write(numbered(60, 5), 0, 5);
        }
        assertThat(totalSize()).isLessThanOrEqualTo(20);
        assertThat(ConsoleLogReader.tail(file, 5)).isEqualTo(numbered(60, 5));
    }

    @Test
    void keepZeroTruncatesInPlace() throws Exception {
        Path file = dir.resolve("console.log");
        try (ConsoleLog log = ConsoleLog.open(file, 10, 0)) {
            log.write(numbered(0, 25), 0, 25);
        }
        assertThat(ConsoleLog.files(file)).containsExactly(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(numbered(20, 5));
    }

    @Test
    void followSeesAppendsAcrossRotations() throws Exception {
        Path file = dir.resolve("console.log");
        ConsoleLog log = ConsoleLog.open(file, 50, 2);
        log.write(numbered(0, 30), 0, 30);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        AtomicBoolean go = new AtomicBoolean(true);
        CountDownLatch finished = new CountDownLatch(1);
        Thread follower = new Thread(() -> {
            try {
                ConsoleLogReader.follow(file, seen, go::get, Duration.ofMillis(10));
            } catch (Exception e) {
                throw new RuntimeException(e);
            } finally {
                finished.countDown();
            }
        });
        follower.start();
        for (int at = 30; at < 130; at += 10) {
            Thread.sleep(30);
            log.write(numbered(at, 10), 0, 10);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (seen.size() < 130 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        go.set(false);
        assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
        log.close();
        assertThat(seen.toByteArray()).isEqualTo(numbered(0, 130));
    }

    @Test
    void followMissesNothingWhenOneWriteRotatesSeveralTimes() throws Exception {
        Path file = dir.resolve("console.log");
        ConsoleLog log = ConsoleLog.open(file, 50, 40);
        log.write(numbered(0, 30), 0, 30);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        AtomicBoolean go = new AtomicBoolean(true);
        CountDownLatch finished = new CountDownLatch(1);
        CountDownLatch following = new CountDownLatch(1);
        Thread follower = new Thread(() -> {
            try {
                ConsoleLogReader.follow(file, seen, () -> {
                    following.countDown();
                    return go.get();
                }, Duration.ofMillis(200));
            } catch (Exception e) {
                throw new RuntimeException(e);
            } finally {
                finished.countDown();
            }
        });
        follower.start();
        assertThat(following.await(5, TimeUnit.SECONDS)).isTrue();
        int total = 30;
        for (int i = 0; i < 4; i++) {
            Thread.sleep(300); // the follower is asleep in its poll while one write fills 7 files
            log.write(numbered(total, 330), 0, 330);
            total += 330;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.size() < total && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        go.set(false);
        assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
        log.close();
        assertThat(seen.toByteArray()).isEqualTo(numbered(0, total));
    }
}
