package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.client.UsageException;
import java.nio.file.Path;

/** What save, managedsave and restore share: the state after the restore, and the image file's path. */
final class SaveTarget {

    private SaveTarget() {
    }

    /** virsh's mutually exclusive --running/--paused as a tri-state: true running, false paused, null as saved. */
    static Boolean runningAfter(boolean running, boolean paused) {
        if (running && paused) {
            throw new UsageException("Options --running and --paused are mutually exclusive");
        }
        return running ? Boolean.TRUE : paused ? Boolean.FALSE : null;
    }

    /** The path as jvirtd needs it: absolute, from jvirsh's working directory. */
    static String absolute(String file) {
        if (file.isEmpty()) {
            throw new UsageException("Failed to get option 'file': Option argument is empty");
        }
        return Path.of(file).toAbsolutePath().normalize().toString();
    }
}
