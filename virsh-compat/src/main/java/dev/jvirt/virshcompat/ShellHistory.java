package dev.jvirt.virshcompat;

import dev.jvirt.virshcompat.client.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Where the interactive shell keeps its history: {@code $XDG_STATE_HOME/jvirt/jvirsh_history}. */
final class ShellHistory {

    private ShellHistory() {
    }

    /**
     * {@code $XDG_STATE_HOME/jvirt/jvirsh_history}, or {@code ~/.local/state/jvirt/jvirsh_history}
     * when it is unset or not absolute (as the XDG base directory specification says); null
     * without a home either.
     */
    static Path file(Env env) {
        String state = env.get("XDG_STATE_HOME");
        if (state != null && state.startsWith("/")) {
            return Path.of(state, "jvirt", "jvirsh_history");
        }
        String home = env.get("HOME");
        if (home == null || !home.startsWith("/")) {
            return null;
        }
        return Path.of(home, ".local", "state", "jvirt", "jvirsh_history");
    }

    /** The history file with its directory made (0700: what a user typed is theirs); null if it cannot be. */
    static Path prepare(Env env) {
        Path file = file(env);
        if (file == null) {
            return null;
        }
        try {
            if (!Files.isDirectory(file.getParent())) {
                Files.createDirectories(file.getParent(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return file;
        } catch (IOException e) {
            return null; // the shell works without a history file
        }
    }
}
