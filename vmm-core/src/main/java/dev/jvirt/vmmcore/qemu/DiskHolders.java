package dev.jvirt.vmmcore.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who holds a disk image open, for QEMU's image-lock refusal told in words: the process with the
 * file among its descriptors (/proc/PID/fd), and when it is a QEMU, the guest it runs (its
 * {@code -name guest=NAME}) and whether libvirt runs it (libvirt's paths on its command line).
 */
public final class DiskHolders {

    /** A process holding the image; {@code guest} null when it is not a QEMU with {@code -name}. */
    public record Holder(long pid, String guest, boolean libvirt) {
        public String describe() {
            if (guest == null) {
                return "process " + pid;
            }
            return (libvirt ? "libvirt's domain '" : "the QEMU of guest '") + guest + "' (QEMU pid " + pid + ")";
        }
    }

    private DiskHolders() {
    }

    public static Optional<Holder> of(Path image) {
        Path real;
        try {
            real = image.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                if (holds(proc, real)) {
                    return Optional.of(describe(proc));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean holds(Path proc, Path image) {
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).equals(image)) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException closed) {
                    // closed meanwhile
                }
            }
        } catch (IOException | RuntimeException notOurs) {
            return false;
        }
        return false;
    }

    private static Holder describe(Path proc) {
        long pid = Long.parseLong(proc.getFileName().toString());
        List<String> argv;
        try {
            String text = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            argv = List.of(text.split("\0"));
        } catch (IOException e) {
            return new Holder(pid, null, false);
        }
        String guest = null;
        for (int i = 0; i + 1 < argv.size(); i++) {
            if ("-name".equals(argv.get(i))) {
                String v = argv.get(i + 1);
                String n = v.startsWith("guest=") ? v.substring(6) : v;
                int comma = n.indexOf(',');
                guest = comma < 0 ? n : n.substring(0, comma);
            }
        }
        boolean libvirt = argv.stream().anyMatch(a -> a.contains("/libvirt/qemu/"));
        return new Holder(pid, guest, libvirt);
    }
}
