package dev.jvirt.vmmcore.security;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directories jvirtd keeps its sockets, pid files, logs and definitions in: created by jvirtd with
 * its own mode, or, when they exist, trusted only if no one but root and jvirtd's user can change
 * what is in them. Rules:
 * <ul>
 *   <li>The directory itself is a real directory (not a symbolic link), owned by jvirtd's uid,
 *       and neither group nor others may write to it. A mode that only lets others read more than
 *       {@code mode} allows is narrowed (logged); anything else is refused.</li>
 *   <li>Every directory on the way to it is owned by root or by jvirtd's uid and is not writable
 *       by others unless sticky (like {@code /tmp}); a symbolic link on the way is followed only
 *       when root or jvirtd's uid owns it, and its target obeys the same rule.</li>
 * </ul>
 * Missing directories are made with {@code mode} exactly (not left to the umask).
 */
public final class PrivateDirs {
    private static final Logger log = LoggerFactory.getLogger(PrivateDirs.class);

    private PrivateDirs() {
    }

    /**
     * What a directory is for, in messages.
     *
     * @param name      e.g. "runtime directory"
     * @param elsewhere how to pick another one, e.g. "set XDG_RUNTIME_DIR or use --runtime-dir"
     */
    public record Role(String name, String elsewhere) {
    }

    /** Makes {@code dir} (and missing parents) with {@code mode}, or checks the one that is there; see the class comment. */
    public static void ensure(Path dir, int uid, int mode, Role role) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        List<Path> missing = new ArrayList<>();
        Path existing = abs;
        while (existing != null && !existsNoFollow(existing)) {
            missing.add(0, existing);
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new NoSuchFileException(abs.toString(), null, "no part of the path exists");
        }
        if (missing.isEmpty()) {
            if (abs.getParent() != null) {
                checkTrustedPath(abs.getParent(), uid, abs, role);
            }
            checkOwnDir(abs, uid, mode, role);
            return;
        }
        checkTrustedPath(existing, uid, abs, role);
        for (Path m : missing) {
            try {
                Files.createDirectory(m, PosixFilePermissions.asFileAttribute(permissions(mode)));
                Files.setPosixFilePermissions(m, permissions(mode)); // the umask may have taken bits off
            } catch (FileAlreadyExistsException e) {
                // made by someone else in between: checked below like any existing directory
            }
            checkOwnDir(m, uid, mode, role);
        }
    }

    /** Every component of {@code path} may be trusted as the way to {@code target}: owned by root or uid, not open to others. */
    static void checkTrustedPath(Path path, int uid, Path target, Role role) throws IOException {
        Path p = path.getRoot();
        checkTrustedComponent(p, uid, target, role);
        for (Path name : path) {
            p = p.resolve(name);
            checkTrustedComponent(p, uid, target, role);
        }
    }

    private static void checkTrustedComponent(Path p, int uid, Path target, Role role) throws IOException {
        FileOwner o = FileOwner.of(p);
        if (o.isSymlink()) {
            if (o.uid() != 0 && o.uid() != uid) {
                throw refuse(target, role, p + " on its way is a symbolic link owned by " + who(o.uid())
                        + ", who can point it anywhere", "remove the link, or");
            }
            Path real = p.toRealPath();
            if (real.getParent() != null) {
                checkTrustedPath(real.getParent(), uid, target, role);
            }
            checkTrustedComponent(real, uid, target, role);
            return;
        }
        if (!o.isDirectory()) {
            throw refuse(target, role, p + " on its way is not a directory", "");
        }
        if (o.uid() != 0 && o.uid() != uid) {
            throw refuse(target, role, p + " on its way is owned by " + who(o.uid()) + ", who can replace what is in it",
                    "");
        }
        if (o.writableByOthers() && !o.isSticky()) {
            throw refuse(target, role, p + " on its way has mode " + o.octal()
                    + ": others can write to it, so they can replace what is in it", "chmod go-w " + p + ", or");
        }
    }

    private static void checkOwnDir(Path dir, int uid, int mode, Role role) throws IOException {
        FileOwner o = FileOwner.of(dir);
        if (o.isSymlink()) {
            throw refuse(dir, role, "it is a symbolic link (to " + Files.readSymbolicLink(dir) + ")",
                    "remove the link (rm " + dir + "), or");
        }
        if (!o.isDirectory()) {
            throw refuse(dir, role, "it is not a directory", "remove it, or");
        }
        if (o.uid() != uid) {
            throw refuse(dir, role, "it is owned by " + who(o.uid()) + " (mode " + o.octal() + "), not by "
                    + who(uid) + " that jvirtd runs as: someone else may have made it to catch jvirt's sockets, "
                    + "logs or definitions", "check what is in it and remove it (rm -r " + dir + "), or");
        }
        if (o.writableByOthers()) {
            throw refuse(dir, role, "its mode is " + o.octal() + ": others can write to it, so they may have "
                    + "planted files or links in it", "check what is in it and remove it (rm -r " + dir
                    + "), or");
        }
        if ((o.permissions() & ~mode) != 0) {
            Files.setPosixFilePermissions(dir, permissions(mode));
            log.warn("{} {} had mode {}; narrowed to {}", role.name(), dir, o.octal(), String.format("%04o", mode));
        }
    }

    private static UnsafePathException refuse(Path dir, Role role, String why, String fix) {
        String todo = (fix.isEmpty() ? "" : fix + " ") + role.elsewhere();
        return new UnsafePathException(dir, "will not use " + role.name() + " " + dir + ": " + why + "; "
                + todo.strip());
    }

    static String who(int uid) {
        String name = UserNames.name(uid);
        return "uid " + uid + (name == null ? "" : " (" + name + ")");
    }

    private static boolean existsNoFollow(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder s = new StringBuilder();
        String rwx = "rwx";
        for (int bit = 8; bit >= 0; bit--) {
            s.append((mode & (1 << bit)) != 0 ? rwx.charAt(2 - bit % 3) : '-');
        }
        return PosixFilePermissions.fromString(s.toString());
    }
}
