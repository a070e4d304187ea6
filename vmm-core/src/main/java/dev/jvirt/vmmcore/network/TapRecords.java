package dev.jvirt.vmmcore.network;

import dev.jvirt.vmmcore.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TAPs jvirt made for each running guest, {@code RUN/network/taps/DOMAIN} (one name a line),
 * so that a daemon that was killed while guests ran can still remove them when those guests stop
 * (their start's undo died with the old process). Written before QEMU is launched.
 */
public final class TapRecords {
    private static final Logger log = LoggerFactory.getLogger(TapRecords.class);
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private final Path dir;
    private final Path ip;

    public TapRecords(Path dir, Path ip) {
        this.dir = dir;
        this.ip = ip;
    }

    public synchronized void add(String domain, String tap) throws IOException {
        Set<String> taps = new LinkedHashSet<>(taps(domain));
        taps.add(tap);
        write(domain, taps);
    }

    /** The TAPs recorded for {@code domain}. */
    public synchronized List<String> taps(String domain) {
        Path f = dir.resolve(domain);
        try {
            return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8).stream()
                    .filter(l -> IFNAME.matcher(l).matches()).toList() : List.of();
        } catch (IOException e) {
            log.warn("cannot read {}: {}", f, e.toString());
            return List.of();
        }
    }

    /** The domains with TAPs recorded. */
    public synchronized List<String> domains() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().forEach(out::add);
        } catch (IOException e) {
            log.warn("cannot list {}: {}", dir, e.toString());
        }
        return out;
    }

    /** Deletes {@code tap} (gone with its QEMU) and forgets it. Never fails. */
    public synchronized void release(String domain, String tap) {
        delete(tap);
        Set<String> taps = new LinkedHashSet<>(taps(domain));
        taps.remove(tap);
        try {
            write(domain, taps);
        } catch (IOException e) {
            log.warn("cannot update {}: {}", dir.resolve(domain), e.toString());
        }
    }

    /** Deletes every TAP recorded for {@code domain} and the record. Never fails. */
    public synchronized void releaseAll(String domain) {
        for (String tap : taps(domain)) {
            delete(tap);
        }
        try {
            AtomicFiles.delete(dir.resolve(domain));
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", dir.resolve(domain), e.toString());
        }
    }

    private void write(String domain, Set<String> taps) throws IOException {
        Path f = dir.resolve(domain);
        if (taps.isEmpty()) {
            AtomicFiles.delete(f);
            return;
        }
        AtomicFiles.write(f, (String.join("\n", taps) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code ip link delete dev TAP}: a TAP (persistent or not, single or multiqueue) goes at once;
     * one a process still holds (carrier up: a running QEMU's) is left alone.
     */
    private void delete(String tap) {
        if (!IFNAME.matcher(tap).matches() || !Files.exists(Path.of("/sys/class/net", tap))) {
            return;
        }
        try {
            if ("1".equals(Files.readString(Path.of("/sys/class/net", tap, "carrier")).strip())) {
                log.warn("TAP {} is still held by a process; left as it is", tap);
                return;
            }
        } catch (IOException e) {
            // no carrier file: the interface is down or going; delete it all the same
        }
        try {
            Process p = new ProcessBuilder(ip.toString(), "link", "delete", "dev", tap).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0 && Files.exists(Path.of("/sys/class/net", tap))) {
                log.warn("cannot delete TAP {}: {}", tap, out);
            }
        } catch (IOException e) {
            log.warn("cannot delete TAP {}: {}", tap, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
