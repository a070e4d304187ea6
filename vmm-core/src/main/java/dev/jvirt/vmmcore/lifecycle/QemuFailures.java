package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.vmmcore.StartRefusedException;
import dev.jvirt.vmmcore.StartRefusedException.Kind;
import dev.jvirt.vmmcore.qemu.DiskHolders;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * QEMU's own start failures that are the user's to fix (a file it cannot open, an image in
 * another format than the definition says), read from its last lines of output and told in
 * libvirt's words (an image another QEMU holds locked: which guest holds it, {@code DiskHolders});
 * anything else stays a plain start failure with QEMU's lines.
 */
final class QemuFailures {
    private static final Pattern CANNOT_OPEN =
            Pattern.compile("Could not open '([^']+)': (No such file or directory|Permission denied)");
    private static final Pattern KERNEL = Pattern.compile("could not (?:load|open) (kernel|initrd) '([^']+)'.*");
    private static final Pattern LOCKED = Pattern.compile("Is another process using the image \\[([^\\]]+)\\]");
    private static final Pattern FORMAT = Pattern.compile("Image is not in (\\w+) format");

    private QemuFailures() {
    }

    static Optional<StartRefusedException> classify(String domain, List<String> qemuOutput) {
        for (String line : qemuOutput) {
            Matcher m = CANNOT_OPEN.matcher(line);
            if (m.find()) {
                return Optional.of(new StartRefusedException(domain, Kind.SYSTEM,
                        "Cannot access storage file '" + m.group(1) + "': " + m.group(2),
                        "QEMU said: " + line.strip()));
            }
            m = KERNEL.matcher(line);
            if (m.find()) {
                return Optional.of(new StartRefusedException(domain, Kind.SYSTEM,
                        "Cannot access " + m.group(1) + " file '" + m.group(2) + "'", "QEMU said: " + line.strip()));
            }
            m = LOCKED.matcher(line);
            if (m.find()) {
                String image = m.group(1);
                String holder = DiskHolders.of(Path.of(image)).map(DiskHolders.Holder::describe).orElse("another process");
                return Optional.of(new StartRefusedException(domain, Kind.SYSTEM,
                        "disk '" + image + "' is in use by " + holder, "QEMU said: " + line.strip()
                                + "; stop that guest first (a domain imported from libvirt runs in jvirt once libvirt's is shut off)"));
            }
            m = FORMAT.matcher(line);
            if (m.find()) {
                return Optional.of(new StartRefusedException(domain, Kind.UNSUPPORTED_CONFIG,
                        "a disk image is not in " + m.group(1) + " format, as its <driver type='" + m.group(1)
                                + "'> says", "QEMU said: " + line.strip()
                                + "; `qemu-img info FILE` shows the format to write in <driver type=...>"));
            }
        }
        return Optional.empty();
    }
}
