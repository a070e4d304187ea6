package dev.jvirt.bridgenet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Network sysctls under {@code /proc/sys/net}, which Linux resolves in the network namespace of
 * the thread that opens them.
 */
final class Sysctl {
    private static final Path ROOT = Path.of("/proc/sys/net");

    private Sysctl() {
    }

    static String read(String... path) {
        Path p = resolve(path);
        try {
            return Files.readString(p, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new NetworkException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code value} unless it is there already. */
    static void write(String value, String... path) {
        Path p = resolve(path);
        try {
            if (!Files.readString(p, StandardCharsets.US_ASCII).strip().equals(value)) {
                Files.writeString(p, value + "\n", StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new NetworkException("cannot set " + p + " to " + value + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #write}, but nothing when the sysctl does not exist (IPv6 off in the kernel, say). */
    static void writeIfPresent(String value, String... path) {
        if (Files.exists(resolve(path))) {
            write(value, path);
        }
    }

    private static Path resolve(String... path) {
        Path p = ROOT;
        for (String s : path) {
            if (s.isEmpty() || s.contains("/") || s.equals("..") || s.equals(".")) {
                throw new IllegalArgumentException("bad sysctl path component '" + s + "'");
            }
            p = p.resolve(s);
        }
        return p;
    }
}
