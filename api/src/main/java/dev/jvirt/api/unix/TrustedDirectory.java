package dev.jvirt.api.unix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether a directory that holds a daemon's socket (and the daemon's logs, QMP sockets and FIFOs)
 * can be trusted, in the way OpenSSH trusts a key file: no symbolic link anywhere in its path,
 * every directory above it owned by root or by its user and writable by no one else unless
 * sticky (as /tmp), and the directory itself owned by its user, with no access for anyone else
 * when it is a private one (0700: the session's runtime dir, {@code /tmp/jvirt-$UID} included).
 * Another user who pre-creates {@code /tmp/jvirt-$UID} could otherwise serve a fake daemon there
 * or plant links that the real one follows.
 */
public final class TrustedDirectory {

    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;
    private static final int S_ISVTX = 01000;

    private TrustedDirectory() {
    }

    /**
     * Checks {@code dir} for {@code owner}; {@code privateMode} also requires that group and others
     * have no access at all. A directory that does not exist passes (its creator checks it after
     * creating it); anything else wrong throws, saying what and what to do.
     */
    public static void check(Path dir, int owner, boolean privateMode) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        Path at = absolute.getRoot();
        for (Path name : absolute) {
            at = at.resolve(name);
            Map<String, Object> a;
            try {
                a = Files.readAttributes(at, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException missing) {
                return;
            }
            int mode = (Integer) a.get("mode");
            int uid = (Integer) a.get("uid");
            boolean last = at.equals(absolute);
            if ((mode & S_IFMT) == S_IFLNK) {
                throw new UntrustedPathException(at + " is a symbolic link (to " + target(at) + "), in the path of "
                        + absolute, "use a path without links: remove the link, or point XDG_RUNTIME_DIR at the real directory");
            }
            if (last && (mode & S_IFMT) != S_IFDIR) {
                throw new UntrustedPathException(at + " is not a directory", "remove it");
            }
            if (last ? uid != owner : uid != 0 && uid != owner) {
                throw new UntrustedPathException(at + " belongs to uid " + uid + ", not to " + who(owner)
                        + ": another user may have made it to serve a fake daemon",
                        fixFor(absolute, owner));
            }
            if (last && privateMode && (mode & 077) != 0) {
                throw new UntrustedPathException(at + " is open to other users (mode " + octal(mode) + ", not 0700)",
                        "if it is yours and you trust its content: chmod 700 " + at + "; else " + fixFor(absolute, owner));
            }
            if ((mode & 022) != 0 && (last || (mode & S_ISVTX) == 0)) {
                throw new UntrustedPathException(at + " is writable by other users (mode " + octal(mode) + ")",
                        "chmod go-w " + at);
            }
        }
    }

    private static String fixFor(Path dir, int owner) {
        return "remove it (as root: rm -rf " + dir + ")" + (owner == 0 ? "" : ", or set XDG_RUNTIME_DIR to a directory of your own");
    }

    private static String who(int owner) {
        return owner == 0 ? "root" : "you (uid " + owner + ")";
    }

    private static String octal(int mode) {
        String s = Integer.toOctalString(mode & 07777);
        return "0000".substring(Math.min(4, s.length())) + s;
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
