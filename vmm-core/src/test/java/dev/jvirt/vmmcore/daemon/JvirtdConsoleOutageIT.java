package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.console.hub.ConsoleLogReader;
import dev.jvirt.console.stream.ConsoleFrame;
import dev.jvirt.console.stream.ConsoleFrameEncoder;
import dev.jvirt.console.stream.ConsoleFrameReader;
import dev.jvirt.console.stream.FrameType;
import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.ConsoleKeepers;
import dev.jvirt.vmmcore.daemon.UnixHttpClient.Upgraded;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console log outlives the daemon: a guest printing a counter as fast as it can while jvirtd is
 * killed ({@code kill -9}) for 10 s, restarted, stopped cleanly (SIGTERM) for 10 s and restarted
 * again has every counter line in its log, each once and in order; after the restarts live attach,
 * input and history work; the console keeper is the same process throughout, and exits by itself
 * once the guest is gone and no daemon is connected (it is stopped by pid at the end regardless).
 */
@ExtendWith(TinyGuestExtension.class)
class JvirtdConsoleOutageIT {
    private static final String LINE = "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    /** A counted line (the guest's kernel messages are kept off its console, {@code dmesg -n 1}). */
    private static final Pattern COUNTED = Pattern.compile("(?<![0-9])(\\d+) " + LINE);
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    /** Large enough that nothing of the test's output is rotated away (the guest prints ~0.3 MB/s). */
    private static final String LOG_FILE_BYTES = Long.toString(64L * 1024 * 1024);
    private static final String LOG_KEEP = "2";

    @Test
    void aGuestPrintingACounterLosesNoLineWhileJvirtdIsKilledOrStopped(TinyGuest guest) throws Exception {
        try (DaemonFixture f = new DaemonFixture()) {
            String main = ConfiguredJvirtd.class.getName();
            f.startProcess(main, LOG_FILE_BYTES, LOG_KEEP);
            UnixHttpClient api = f.client();
            api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, "counter")));
            api.post("/1.0/domains/counter/start", Map.of());
            Path log = f.dirs.consoleLog("counter");
            SerialOutput.await(log, TinyGuest.READY_MARKER, Duration.ofSeconds(240));
            SerialOutput.await(log, "tiny# ", Duration.ofSeconds(60)); // the shell reads its input
            OptionalLong keeper = ConsoleKeepers.pid(f.dirs.runtime());
            assertThat(keeper).as("a console keeper runs, its pid in " + f.dirs.runtime()).isPresent();
            try {
                try (Upgraded con = api.upgrade("/1.0/domains/counter/console?mode=rw", "jvirt-console")) {
                    assertThat(con.status()).isEqualTo(101);
                    type(con, "dmesg -n 1; (i=0; while :; do i=$((i+1)); echo \"$i " + LINE + "\"; done) &\n");
                }
                awaitCount(log, 2000);

                List<String> outages = new ArrayList<>();
                for (String how : List.of("kill -9", "SIGTERM")) {
                    long before = lastCount(log);
                    if (how.equals("kill -9")) {
                        f.killProcess();
                    } else {
                        f.stopProcess();
                    }
                    long t0 = System.nanoTime();
                    Thread.sleep(OUTAGE.toMillis());
                    long during = lastCount(log) - before; // the keeper went on logging
                    f.startProcess(main, LOG_FILE_BYTES, LOG_KEEP);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    outages.add(String.format("%s: %.1f s without jvirtd, %d lines logged meanwhile", how, seconds, during));
                    assertThat(during).as("lines logged during the outage (" + how + ")").isGreaterThan(1000);
                    assertThat(ConsoleKeepers.pid(f.dirs.runtime())).as("the same keeper").isEqualTo(keeper);
                    assertThat(api.get("/1.0/domains/counter").json().path("state").asText()).isEqualTo("running");
                }

                // Every counter up to here was logged before anything more was typed (the guest's
                // tty echoes typed keys into the middle of the output: lines after it are not whole).
                long cutoff = lastCount(log);
                // After the restarts: history comes from the log, live output follows, input works.
                try (Upgraded con = api.upgrade("/1.0/domains/counter/console?mode=rw&history=4096", "jvirt-console")) {
                    assertThat(con.status()).isEqualTo(101);
                    ConsoleFrameReader reader = new ConsoleFrameReader(con.in());
                    ConsoleFrame first = reader.read();
                    assertThat(first.type()).isEqualTo(FrameType.DATA);
                    String history = new String(first.payload(), StandardCharsets.ISO_8859_1);
                    assertThat(COUNTED.matcher(history).find()).as("history holds counted lines: " + history).isTrue();
                    assertThat(history).startsWith(history.substring(0, history.indexOf(' ')) + " " + LINE);
                    type(con, "kill %1; echo stopped-$((6*7))\n");
                    assertThat(JvirtdConsoleIT.readUntil(reader, "stopped-42").get(60, TimeUnit.SECONDS)).contains("stopped-42");
                }

                ByteArrayOutputStream all = new ByteArrayOutputStream();
                ConsoleLogReader.read(log, all);
                String text = all.toString(StandardCharsets.ISO_8859_1);
                Matcher m = COUNTED.matcher(text);
                long expected = 0; // the first whole line is 1, or 2 when 1 shares the prompt's line
                long wrong = 0;
                String firstWrong = null;
                while (m.find()) {
                    long n = Long.parseLong(m.group(1));
                    if (n > cutoff) {
                        break;
                    }
                    if (expected == 0 ? n > 2 : n != expected) {
                        wrong++;
                        if (firstWrong == null) {
                            firstWrong = "expected " + expected + ", found " + n + " in: "
                                    + text.substring(Math.max(0, m.start() - 300), m.end()).replace("\r", "\\r");
                        }
                    }
                    expected = n + 1;
                }
                System.out.printf("console outage: %s; %d counter lines in the log, %d out of sequence (%s);"
                        + " log %d bytes%n", outages, expected - 1, wrong, firstWrong, text.length());
                assertThat(wrong).as("counter lines lost or repeated in the log (first: " + firstWrong + ")").isZero();
                assertThat(expected - 1).as("counter lines in the log, up to the last before typing").isEqualTo(cutoff)
                        .isGreaterThan(5000);

                // The keeper's lifetime: the guest gone and no daemon connected, it exits by itself.
                api.post("/1.0/domains/counter/destroy", Map.of());
                f.stopProcess();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (ProcessHandle.of(keeper.getAsLong()).map(ProcessHandle::isAlive).orElse(false)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(ProcessHandle.of(keeper.getAsLong()).map(ProcessHandle::isAlive).orElse(false))
                        .as("the keeper exited once it kept no console and no daemon was connected").isFalse();
                assertThat(Files.exists(f.dirs.runtime().resolve("console-keeper.pid"))).isFalse();
            } finally {
                ProcessHandle.of(keeper.getAsLong()).ifPresent(ProcessHandle::destroyForcibly); // by pid, whatever happened
            }
        }
    }

    private static void type(Upgraded con, String text) throws IOException {
        ConsoleFrameEncoder.write(con.out(), ConsoleFrame.data(text.getBytes(StandardCharsets.US_ASCII)));
        con.out().flush();
    }

    private static long lastCount(Path log) throws IOException {
        byte[] tail = ConsoleLogReader.tail(log, 64 * 1024);
        Matcher m = COUNTED.matcher(new String(tail, StandardCharsets.ISO_8859_1));
        long last = 0;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }

    private static void awaitCount(Path log, long n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (lastCount(log) < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the counter did not reach " + n + "; the log ends with:\n"
                        + new String(ConsoleLogReader.tail(log, 2000), StandardCharsets.ISO_8859_1));
            }
            Thread.sleep(100);
        }
    }
}
