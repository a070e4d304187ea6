package dev.jvirt.virshcompat.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The QEMU process libvirt runs a domain in, found by the {@code -name guest=NAME,...} libvirt
 * gives it (read from /proc; a client of libvirt has no other way to its pid).
 */
public final class QemuPids {

    private QemuPids() {
    }

    public static Optional<Long> of(String domain) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                List<String> argv = argv(p);
                for (int i = 0; i + 1 < argv.size(); i++) {
                    if ("-name".equals(argv.get(i)) && argv.get(i + 1).startsWith("guest=" + domain.replace(",", ",,") + ",")) {
                        return Optional.of(Long.parseLong(p.getFileName().toString()));
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static List<String> argv(Path proc) {
        try {
            String text = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\0"));
        } catch (IOException | RuntimeException gone) {
            return List.of();
        }
    }
}
