package dev.jvirt.console.keeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the keeper trusts: only what its own uid made. A directory it puts FIFOs, sockets, logs or
 * its pid into must be owned by that uid, writable by nobody else, and not a symlink; a FIFO it
 * opened must be a FIFO of that uid (it made it itself, in such a directory, and opened it with
 * {@code O_NOFOLLOW}); a process connecting to its socket must run as that uid.
 */
final class KeeperSecurity {
    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int FIFO_TYPE = 0010000;
    private static final int TYPE_MASK = 0170000;

    private KeeperSecurity() {
    }

    static int uid() {
        return LinuxIo.C.getuid();
    }

    static void requireOwnDirectory(Path dir) throws IOException {
        Map<String, Object> a = attributes(dir);
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory (a symlink is not trusted)");
        }
        int owner = (Integer) a.get("uid");
        int mode = (Integer) a.get("mode");
        if (owner != uid()) {
            throw new IOException(dir + " belongs to uid " + owner + ", not to this process's uid " + uid()
                    + ": not trusted (remove it, or fix its owner)");
        }
        if ((mode & GROUP_OR_OTHER_WRITE) != 0) {
            throw new IOException(dir + " is writable by others (mode " + Integer.toOctalString(mode & 07777)
                    + "): not trusted (chmod go-w it)");
        }
    }

    static void requireOwnFifo(Path fifo) throws IOException {
        Map<String, Object> a = attributes(fifo);
        int mode = (Integer) a.get("mode");
        if ((mode & TYPE_MASK) != FIFO_TYPE || (Integer) a.get("uid") != uid()) {
            throw new IOException(fifo + " is not a FIFO of uid " + uid() + ": not trusted");
        }
    }

    private static Map<String, Object> attributes(Path p) throws IOException {
        return Files.readAttributes(p, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
    }
}
