package dev.jvirt.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.console.hub.ConsoleHub;
import dev.jvirt.console.hub.ConsoleLog;
import dev.jvirt.console.hub.ConsoleSession;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A guest printing without pause with nobody attached. One guest; its serial backend is switched
 * with QMP {@code chardev-change} between rounds, interleaved so the machine's load hits all alike:
 * the console keeper's FIFOs with a hub streaming them (as jvirtd runs every serial console), a
 * plain file chardev (the guest's own pace, no reader at all), and the keeper with the daemon gone
 * (its connection closed: the keeper alone reads and logs), measured by the guest's own line
 * counter across the gap — and every line of the gap must be in the log. Prints every figure.
 */
@ExtendWith(TinyGuestExtension.class)
class ConsoleThroughputIT {

    private static final int ROUNDS = Integer.getInteger("console.throughput.rounds", 3);
    private static final int SECONDS = Integer.getInteger("console.throughput.seconds", 3);
    private static final String LINE = "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final Pattern COUNTED = Pattern.compile("(?m)^(\\d+) " + LINE + "\r?$");
    /** Rotated every 1 MiB, and enough files kept that no round's gap is rotated away before it is checked. */
    private static final long LOG_FILE = 1024 * 1024;
    private static final int LOG_KEEP = 40;

    @Test
    void aGuestPrintingWithNobodyAttachedNeverStallsLosesNoLineWithTheDaemonGoneAndTheLogKeepsItsBound(TinyGuest guest)
            throws Exception {
        try (GuestVm vm = GuestVm.startPaused(guest, "tp")) {
            Path log = vm.dir.resolve("log/console.log");
            try (ConsoleHub hub = vm.hub("tp", "console", log, LOG_FILE, LOG_KEEP, false)) {
                vm.cont();
                ConsoleHubIT.awaitRing(hub, TinyGuest.READY_MARKER, Duration.ofSeconds(120));
                Thread.sleep(300);
                RecordingSink sink = new RecordingSink();
                ConsoleSession s = hub.attach(ConsoleMode.READ_WRITE, sink);
                s.write(("dmesg -n 1; i=0; while :; do i=$((i+1)); echo \"$i " + LINE + "\"; done\r").getBytes(StandardCharsets.US_ASCII))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
                sink.await(t -> t.split(LINE + "\r\n", -1).length > 3, Duration.ofSeconds(30));
                s.close(); // nobody attached from here on
            }
            vm.keeper().disconnect();

            List<Double> hubRates = new ArrayList<>();
            List<Double> fileRates = new ArrayList<>();
            List<Double> goneRates = new ArrayList<>();
            List<Double> hubSeconds = new ArrayList<>();
            List<long[]> gaps = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                long lastBefore;
                vm.keeper().reconnect();
                try (ConsoleHub hub = vm.hub("tp", "hub" + round, log, LOG_FILE, LOG_KEEP, true)) {
                    double[] perSecond = sample(hub::bytesFromGuest);
                    hubRates.add(mean(perSecond));
                    Arrays.stream(perSecond).forEach(hubSeconds::add);
                    lastBefore = lastCount(hub);
                }
                long gapStart = System.nanoTime();
                vm.keeper().disconnect();
                Thread.sleep(SECONDS * 1000L); // the daemon is gone: the keeper alone reads and logs
                vm.keeper().reconnect();
                try (ConsoleHub hub = vm.keeper().attach("tp").orElseThrow()) {
                    RecordingSink live = new RecordingSink();
                    hub.attach(ConsoleMode.READ_ONLY, live);
                    long gapNanos = System.nanoTime() - gapStart;
                    long after = firstCount(live);
                    goneRates.add((after - lastBefore) * (double) lineBytes(after) * 1e9 / gapNanos);
                    gaps.add(new long[] {lastBefore, after});
                }
                Path plain = vm.dir.resolve("plain" + round + ".txt");
                vm.toFile(plain); // the keeper's FIFOs are let go: it forgets the console
                fileRates.add(mean(sample(() -> size(plain))));
            }

            long logBytes = 0;
            for (Path p : ConsoleLog.files(log)) {
                logBytes += Files.size(p);
            }
            java.util.Set<Long> logged = countsIn(log);
            long missing = 0;
            for (long[] g : gaps) {
                for (long n = g[0]; n <= g[1]; n++) {
                    if (!logged.contains(n)) {
                        missing++;
                    }
                }
            }
            long bound = LOG_FILE * (LOG_KEEP + 1);
            double hub = median(hubRates);
            double file = median(fileRates);
            double gone = median(goneRates);
            System.out.printf("console output rate, guest printing continuously, nobody attached"
                    + " (%d rounds x %d s, interleaved; medians):%n"
                    + "  keeper + hub            %8.0f B/s  rounds %s%n"
                    + "  plain file chardev      %8.0f B/s  rounds %s%n"
                    + "  keeper, daemon gone     %8.0f B/s  rounds %s (the guest's line counter across the gap)%n"
                    + "  hub/file = %.2f, gone/file = %.2f; lines missing from the log across the gaps: %d;"
                    + " log %d bytes in %d files (bound %d)%n",
                    ROUNDS, SECONDS, hub, rounded(hubRates), file, rounded(fileRates), gone, rounded(goneRates),
                    hub / file, gone / file, missing, logBytes, ConsoleLog.files(log).size(), bound);

            assertThat(hubSeconds).as("the guest prints every second through the hub (bytes/s)").allMatch(r -> r > 0);
            // The keeper and hub cost the guest nothing over printing into a file (within 10% on a
            // quiet machine; the margin here is for the other builds sharing these 2 cores).
            assertThat(hub / file).as("guest output rate: keeper + hub / plain file").isGreaterThan(0.75);
            // With the daemon gone the keeper goes on reading: the guest never stalls ...
            assertThat(gone / file).as("guest output rate with the daemon gone / plain file").isGreaterThan(0.75);
            // ... and not one line is lost from the log.
            assertThat(missing).as("counted lines of the daemon's absences missing from the log").isZero();
            assertThat(logBytes).as("the log stays within its bound").isLessThanOrEqualTo(bound);
            assertThat(ConsoleLog.files(log).size()).as("the log rotated").isGreaterThan(1);
        }
    }

    /** Every counter on a whole counted line of the log. */
    private static java.util.Set<Long> countsIn(Path log) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        dev.jvirt.console.hub.ConsoleLogReader.read(log, all);
        Matcher m = Pattern.compile("(?<![0-9])(\\d+) " + LINE).matcher(all.toString(StandardCharsets.ISO_8859_1));
        java.util.Set<Long> counts = new java.util.HashSet<>();
        while (m.find()) {
            counts.add(Long.parseLong(m.group(1)));
        }
        return counts;
    }

    /** The first counter on a whole line of a session's live output. */
    private static long firstCount(RecordingSink live) throws InterruptedException {
        String seen = live.await(t -> COUNTED.matcher(t).find(), Duration.ofSeconds(30));
        Matcher m = COUNTED.matcher(seen);
        if (!m.find()) {
            throw new AssertionError("no counted line after the gap");
        }
        return Long.parseLong(m.group(1));
    }

    /** The guest's counter on the last whole counted line in the hub's ring. */
    private static long lastCount(ConsoleHub hub) {
        Matcher m = COUNTED.matcher(new String(hub.recentOutput(), StandardCharsets.ISO_8859_1));
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        if (last < 0) {
            throw new AssertionError("no counted line in the console's recent output");
        }
        return last;
    }

    /** Bytes of one counted line around counter {@code n}: digits, space, LINE, CR LF. */
    private static int lineBytes(long n) {
        return Long.toString(n).length() + 1 + LINE.length() + 2;
    }

    /** Bytes per second of {@code counter} in each of SECONDS seconds, after half a second to settle. */
    private static double[] sample(LongSupplier counter) throws InterruptedException {
        Thread.sleep(500);
        double[] rates = new double[SECONDS];
        long before = counter.getAsLong();
        long t0 = System.nanoTime();
        for (int i = 0; i < SECONDS; i++) {
            Thread.sleep(1000);
            long now = counter.getAsLong();
            long t1 = System.nanoTime();
            rates[i] = (now - before) * 1e9 / (t1 - t0);
            before = now;
            t0 = t1;
        }
        return rates;
    }

    private static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static double mean(double[] xs) {
        return Arrays.stream(xs).average().orElse(0);
    }

    private static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static List<Long> rounded(List<Double> xs) {
        return xs.stream().map(Math::round).toList();
    }
}
