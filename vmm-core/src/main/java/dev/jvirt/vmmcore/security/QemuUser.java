package dev.jvirt.vmmcore.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The unprivileged account QEMU runs as in system mode, and what plain Unix permissions (owner,
 * group, other bits; no ACLs) let it do to a file: read it, write it, and reach it (search
 * permission on every directory on the way).
 */
public record QemuUser(String name, int uid, int gid, Set<Integer> groups) {
    /** The account {@code scripts/install-deps} makes. */
    public static final String DEFAULT_NAME = "jvirt-qemu";

    /** The account {@code name}, or null when it does not exist here. */
    public static QemuUser lookup(String name) {
        int[] ids = UserNames.user(name);
        if (ids == null) {
            return null;
        }
        Set<Integer> groups = new HashSet<>(UserNames.supplementaryGroups(name));
        groups.add(ids[1]);
        return new QemuUser(name, ids[0], ids[1], Set.copyOf(groups));
    }

    /** Null when this user may reach {@code file} (search permission on each directory on the way), else why not. */
    public String whyNotReachable(Path file) throws IOException {
        Path real;
        try {
            real = file.toAbsolutePath().normalize().toRealPath();
        } catch (java.nio.file.NoSuchFileException e) {
            return "it does not exist";
        }
        Path dir = real.getRoot();
        if (real.getParent() != null) {
            for (Path name : real.getParent()) {
                dir = dir.resolve(name);
                if (!allows(FileOwner.of(dir), 1)) {
                    return "user " + this.name + " cannot reach it: no search (x) permission on " + dir;
                }
            }
        }
        return null;
    }

    /** Null when this user may open {@code file} (for writing too when {@code write}), else why not. */
    public String whyNot(Path file, boolean write) throws IOException {
        String unreachable = whyNotReachable(file);
        if (unreachable != null) {
            return unreachable;
        }
        FileOwner o = FileOwner.of(file.toAbsolutePath().normalize().toRealPath());
        if (!allows(o, 4)) {
            return "user " + this.name + " (uid " + uid + ") may not read it (owner uid " + o.uid() + ", group " + o.gid()
                    + ", mode " + o.octal() + ")";
        }
        if (write && !allows(o, 2)) {
            return "user " + this.name + " (uid " + uid + ") may not write it (owner uid " + o.uid() + ", group "
                    + o.gid() + ", mode " + o.octal() + ")";
        }
        return null;
    }

    /** {@code bit} (4 read, 2 write, 1 execute/search) in the class of bits that applies to this user. */
    boolean allows(FileOwner o, int bit) {
        int mode = o.permissions();
        if (o.uid() == uid) {
            return (mode & (bit << 6)) != 0;
        }
        if (groups.contains(o.gid())) {
            return (mode & (bit << 3)) != 0;
        }
        return (mode & bit) != 0;
    }
}
