package dev.jvirt.vmmcore.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Names, uids and gids from {@code /etc/passwd} and {@code /etc/group} (local accounts, as the install step makes them). */
public final class UserNames {

    private UserNames() {
    }

    /** The user name of {@code uid}, or null. */
    public static String name(int uid) {
        for (String[] f : entries(Path.of("/etc/passwd"))) {
            if (f.length > 2 && f[2].equals(Integer.toString(uid))) {
                return f[0];
            }
        }
        return null;
    }

    /** The name of group {@code gid}, or null. */
    public static String groupName(int gid) {
        for (String[] f : entries(Path.of("/etc/group"))) {
            if (f.length > 2 && f[2].equals(Integer.toString(gid))) {
                return f[0];
            }
        }
        return null;
    }

    /** The uid and primary gid of user {@code name}, or null when there is no such user. */
    public static int[] user(String name) {
        for (String[] f : entries(Path.of("/etc/passwd"))) {
            if (f.length > 3 && f[0].equals(name)) {
                return new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])};
            }
        }
        return null;
    }

    /** The gids of every group that lists {@code name} as a member (supplementary groups). */
    public static List<Integer> supplementaryGroups(String name) {
        return entries(Path.of("/etc/group")).stream()
                .filter(f -> f.length > 3 && List.of(f[3].split(",")).contains(name))
                .map(f -> Integer.parseInt(f[2])).toList();
    }

    private static List<String[]> entries(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).map(l -> l.split(":", -1)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
