package dev.jvirt.storage.backend;

import dev.jvirt.storage.StorageException;
import dev.jvirt.storage.exec.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * mount(8) and umount(8) from argument lists, and whether a directory is a mount point now
 * (from {@code /proc/self/mountinfo}). Mounts get {@code nodev,nosuid,noexec}, as libvirt gives them.
 */
public final class Mounts {
    /** The options every pool mount gets. */
    public static final String OPTIONS = "nodev,nosuid,noexec";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final Commands commands;
    private final Path mountinfo;

    public Mounts(Commands commands) {
        this(commands, Path.of("/proc/self/mountinfo"));
    }

    Mounts(Commands commands, Path mountinfo) {
        this.commands = commands;
        this.mountinfo = mountinfo;
    }

    /** {@code mount [-t TYPE] -o nodev,nosuid,noexec SOURCE TARGET}; a null or {@code auto} type lets mount probe. */
    public static List<String> mountArgv(String type, String source, Path target) {
        List<String> a = new java.util.ArrayList<>(List.of("mount"));
        if (type != null && !type.equals("auto")) {
            a.addAll(List.of("-t", type));
        }
        a.addAll(List.of("-o", OPTIONS, source, target.toString()));
        return a;
    }

    /** {@code umount TARGET}. */
    public static List<String> umountArgv(Path target) {
        return List.of("umount", target.toString());
    }

    public void mount(String type, String source, Path target, String pool) {
        commands.check(mountArgv(type, source, target), "mounting " + source + " on " + target + " for pool '" + pool + "'", TIMEOUT);
    }

    public void umount(Path target, String pool) {
        commands.check(umountArgv(target), "unmounting " + target + " of pool '" + pool + "'", TIMEOUT);
    }

    /** Whether {@code dir} (its real path) is a mount point. */
    public boolean isMounted(Path dir) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            return false;
        }
        try {
            return mountPoints(Files.readString(mountinfo)).contains(real.toString());
        } catch (IOException e) {
            throw new StorageException("cannot read " + mountinfo + ": " + e.getMessage(), e);
        }
    }

    /** The mount points (field 5, octal escapes undone) of a mountinfo text. */
    static List<String> mountPoints(String mountinfoText) {
        return mountinfoText.lines().map(l -> l.split(" ")).filter(f -> f.length > 4).map(f -> unescape(f[4])).toList();
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
