package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.Os;
import dev.jvirt.vmmcore.StartRefusedException;
import dev.jvirt.vmmcore.StartRefusedException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a start can check before QEMU runs, so that a mistake the user can fix is named at once
 * rather than by QEMU seconds later: every file a disk, the kernel or the initrd names is there
 * and readable. Run on the definition as the host phase resolved it (volumes are paths by then).
 */
final class StartChecks {

    private StartChecks() {
    }

    /** @throws StartRefusedException the first file that is missing or unreadable, in libvirt's words */
    static void check(Domain def) {
        for (Disk d : def.devices().disks()) {
            Disk.Source s = d.source();
            if (s == null || s.path() == null || "optional".equals(s.startupPolicy())
                    || !("file".equals(d.type()) || "block".equals(d.type()))) {
                continue;
            }
            String problem = problem(Path.of(s.path()));
            if (problem != null) {
                String target = d.target() == null ? "?" : d.target().dev();
                throw new StartRefusedException(def.name(), Kind.SYSTEM,
                        "Cannot access storage file '" + s.path() + "': " + problem,
                        "disk '" + target + "' of domain '" + def.name() + "' names it in <source "
                                + ("file".equals(d.type()) ? "file" : "dev") + "=...>; create it or correct the path"
                                + ("cdrom".equals(d.device()) || "floppy".equals(d.device())
                                ? " (or startupPolicy='optional' starts without it)" : ""));
            }
        }
        Os os = def.os();
        if (os != null) {
            file(def, os.kernel(), "kernel");
            file(def, os.initrd(), "initrd");
        }
    }

    private static void file(Domain def, String path, String element) {
        if (path == null || path.isEmpty()) {
            return;
        }
        String problem = problem(Path.of(path));
        if (problem != null) {
            throw new StartRefusedException(def.name(), Kind.SYSTEM,
                    "Cannot access " + element + " file '" + path + "': " + problem,
                    "<os><" + element + "> of domain '" + def.name() + "' names it; correct the path");
        }
    }

    /** strerror's words for why the file cannot be read, or null when it can. */
    private static String problem(Path p) {
        if (!Files.exists(p)) {
            return "No such file or directory";
        }
        if (!Files.isReadable(p)) {
            return "Permission denied";
        }
        return null;
    }
}
