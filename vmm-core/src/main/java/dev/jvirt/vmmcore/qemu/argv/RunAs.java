package dev.jvirt.vmmcore.qemu.argv;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code -runas USER}: QEMU drops to {@code USER}'s uid and gid once it has set up (QEMU 7.2; newer
 * ones spell it {@code -run-with user=}). The seccomp sandbox must then allow the set*id calls,
 * which the daemonized sandbox already does ({@code elevateprivileges} is not denied there).
 */
public final class RunAs {

    private RunAs() {
    }

    /** {@code argv} with {@code -runas user} appended. */
    public static List<String> append(List<String> argv, String user) {
        if (user.isEmpty() || user.contains(",") || user.startsWith("-")) {
            throw new IllegalArgumentException("not a user name for -runas: '" + user + "'");
        }
        List<String> out = new ArrayList<>(argv);
        out.add("-runas");
        out.add(user);
        return out;
    }
}
