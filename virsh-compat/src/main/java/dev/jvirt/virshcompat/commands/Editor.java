package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.client.JvirshException;
import java.io.IOException;
import java.nio.file.Path;
import dev.jvirt.virshcompat.client.Env;

/** The user's editor on a file, as virsh opens it: $VISUAL, else $EDITOR, else vi (edit, snapshot-edit). */
final class Editor {

    private Editor() {
    }

    /** Runs the editor on {@code file} with the terminal; a non-zero exit is a failure with nothing changed. */
    static void run(Env env, Path file) throws IOException, InterruptedException {
        String editor = env.get("VISUAL");
        if (editor == null || editor.isBlank()) {
            editor = env.get("EDITOR");
        }
        if (editor == null || editor.isBlank()) {
            editor = "vi";
        }
        // the editor variable may carry arguments ("emacs -nw"), as virsh allows; the file is passed as "$1"
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", editor + " \"$1\"", "sh", file.toString()).inheritIO();
        int status = pb.start().waitFor();
        if (status != 0) {
            throw new JvirshException("the editor '" + editor + "' exited with status " + status + "; nothing was changed");
        }
    }
}
