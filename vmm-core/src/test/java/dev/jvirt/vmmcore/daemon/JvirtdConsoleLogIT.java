package dev.jvirt.vmmcore.daemon;

import static dev.jvirt.vmmcore.daemon.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.console.hub.ConsoleLog;
import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.daemon.UnixHttpClient.Upgraded;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /1.0/domains/NAME/console/log[?follow=1]} over a real jvirtd and the tiny guest, with
 * the log rotating every 4 KiB: the whole log (every rotated file, oldest first) whether or not the
 * domain runs; the errors for an unknown domain, one that never ran, and a follow without the
 * upgrade; a follow that waits for the first output, streams what comes, and stops its thread once
 * the client hangs up.
 */
@ExtendWith(TinyGuestExtension.class)
class JvirtdConsoleLogIT {

    private static final Duration WAIT = Duration.ofSeconds(240);

    @Test
    void wholeLogFollowAndErrors(TinyGuest guest) throws Exception {
        try (DaemonFixture f = new DaemonFixture()) {
            f.start(c -> c.withConsoleLog(4096, 40));
            UnixHttpClient api = f.client();
            api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, "clog")));
            assertError(api.get("/1.0/domains/nosuch/console/log"), 404, "no-such-domain", "nosuch");
            assertError(api.get("/1.0/domains/clog/console/log"), 404, "no-console-log", "has no console log");
            assertError(api.get("/1.0/domains/clog/console/log?follow=1"), 400, "bad-request",
                    "Upgrade: jvirt-console-log");

            Path file = f.dirs.consoleLog("clog");
            ByteArrayOutputStream followed = new ByteArrayOutputStream();
            try (Upgraded follow = api.upgrade("/1.0/domains/clog/console/log?follow=1", "jvirt-console-log")) {
                assertThat(follow.status()).isEqualTo(101);
                assertThat(follow.headers().get("upgrade")).isEqualTo("jvirt-console-log");
                Thread reader = copy(follow, followed);
                api.post("/1.0/domains/clog/start", Map.of());
                SerialOutput.await(file, TinyGuest.READY_MARKER, WAIT);
                awaitText(followed, TinyGuest.READY_MARKER);
                assertThat(ConsoleLog.files(file)).as("the log rotated").hasSizeGreaterThan(1);

                UnixHttpClient.Response whole = api.get("/1.0/domains/clog/console/log");
                assertThat(whole.status()).isEqualTo(200);
                assertThat(whole.headers().get("content-type")).isEqualTo("text/plain");
                assertThat(whole.body()).isEqualTo(concatenated(file));
                String text = new String(whole.body(), StandardCharsets.ISO_8859_1);
                assertThat(text).contains("Linux version", TinyGuest.READY_MARKER);
                awaitText(followed, text);
                assertThat(followed.toString(StandardCharsets.ISO_8859_1)).as("following gave the same bytes").startsWith(text);

                api.post("/1.0/domains/clog/destroy", Map.of());
                UnixHttpClient.Response after = api.get("/1.0/domains/clog/console/log");
                assertThat(after.status()).isEqualTo(200);
                assertThat(after.body()).isEqualTo(whole.body());
                assertThat(reader.isAlive()).as("following outlives the guest").isTrue();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (followerThreads() > 0) {
                assertThat(System.nanoTime()).as("the follower's thread ends after the client left").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    private static byte[] concatenated(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Path p : ConsoleLog.files(file)) {
            out.writeBytes(Files.readAllBytes(p));
        }
        return out.toByteArray();
    }

    private static long followerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("console-log-clog")).count();
    }

    private static Thread copy(Upgraded from, ByteArrayOutputStream to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = from.in().read(buf)) > 0; ) {
                    synchronized (to) {
                        to.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }, "test-follow");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void awaitText(ByteArrayOutputStream seen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            synchronized (seen) {
                if (seen.toString(StandardCharsets.ISO_8859_1).contains(text)) {
                    return;
                }
                assertThat(System.nanoTime()).as("'" + text + "' in the followed log:\n" + seen).isLessThan(deadline);
            }
            Thread.sleep(100);
        }
    }
}
