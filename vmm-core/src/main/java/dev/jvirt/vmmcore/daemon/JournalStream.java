package dev.jvirt.vmmcore.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stderr is systemd's journal: systemd sets {@code JOURNAL_STREAM=DEVICE:INODE} for a
 * service whose output goes there, and the stream is ours only if fd 2 still is that socket
 * (systemd.exec(5)). Then jvirtd writes its lines with sd-daemon(3) priority prefixes and no
 * time of its own (the journal stamps each line).
 */
final class JournalStream {

    private JournalStream() {
    }

    static boolean isStderr(String journalStream) {
        return matches(journalStream, Path.of("/proc/self/fd/2"));
    }

    /** Whether {@code journalStream} names the device and inode of {@code file} (links followed). */
    static boolean matches(String journalStream, Path file) {
        if (journalStream == null) {
            return false;
        }
        int colon = journalStream.indexOf(':');
        if (colon < 0) {
            return false;
        }
        try {
            long dev = ((Number) Files.getAttribute(file, "unix:dev")).longValue();
            long ino = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
            return Long.parseUnsignedLong(journalStream.substring(0, colon)) == dev
                    && Long.parseUnsignedLong(journalStream.substring(colon + 1)) == ino;
        } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
            return false;
        }
    }
}
