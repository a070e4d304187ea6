package dev.jvirt.vmmcore.qemu;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a program that inherits chosen descriptors at chosen numbers, as QEMU must for
 * {@code -netdev tap,fd=N}: ProcessBuilder closes every descriptor above 2 in the child. With
 * {@code posix_spawn}: stdin from /dev/null, stdout and stderr appended to a log, each inherited
 * descriptor moved to a staging number above all of them and then to its number (so no move
 * clobbers another's source), and every other descriptor from the lowest unused number up closed
 * ({@code addclosefrom_np}), so nothing else of this process leaks into the child.
 */
final class FdSpawn {
    interface C extends Library {
        C LIB = Native.load("c", C.class);

        int posix_spawn_file_actions_init(Pointer fa);

        int posix_spawn_file_actions_destroy(Pointer fa);

        int posix_spawn_file_actions_adddup2(Pointer fa, int fd, int newfd);

        int posix_spawn_file_actions_addopen(Pointer fa, int fd, String path, int oflag, int mode);

        int posix_spawn_file_actions_addclosefrom_np(Pointer fa, int from);

        int posix_spawn(IntByReference pid, String path, Pointer fa, Pointer attr, StringArray argv, StringArray envp);

        int waitpid(int pid, IntByReference status, int options);
    }

    private static final int O_WRONLY = 1;
    private static final int O_CREAT = 0x40;
    private static final int O_APPEND = 0x400;
    private static final int WNOHANG = 1;

    private FdSpawn() {
    }

    /**
     * Starts {@code argv} (its first element an absolute path or found on PATH).
     *
     * @param inherit descriptor in this process → its number in the child (3 and up, consecutive)
     * @return the child's pid; reap it with {@link #exitStatus} or {@link #kill}
     */
    static int spawn(List<String> argv, Map<Integer, Integer> inherit, Path log) throws IOException {
        int staging = 3;
        int top = 2;
        for (Map.Entry<Integer, Integer> e : inherit.entrySet()) {
            staging = Math.max(staging, Math.max(e.getKey(), e.getValue()) + 1);
            top = Math.max(top, e.getValue());
        }
        Memory fa = new Memory(512);
        fa.clear();
        C.LIB.posix_spawn_file_actions_init(fa);
        try {
            check(C.LIB.posix_spawn_file_actions_addopen(fa, 0, "/dev/null", 0, 0), "addopen");
            check(C.LIB.posix_spawn_file_actions_addopen(fa, 1, log.toString(), O_WRONLY | O_CREAT | O_APPEND, 0600),
                    "addopen");
            check(C.LIB.posix_spawn_file_actions_adddup2(fa, 1, 2), "adddup2");
            List<int[]> moves = new ArrayList<>();
            for (Map.Entry<Integer, Integer> e : inherit.entrySet()) {
                int stage = staging++;
                check(C.LIB.posix_spawn_file_actions_adddup2(fa, e.getKey(), stage), "adddup2");
                moves.add(new int[] {stage, e.getValue()});
            }
            for (int[] m : moves) {
                check(C.LIB.posix_spawn_file_actions_adddup2(fa, m[0], m[1]), "adddup2");
            }
            check(C.LIB.posix_spawn_file_actions_addclosefrom_np(fa, top + 1), "addclosefrom_np");
            List<String> env = new ArrayList<>();
            System.getenv().forEach((k, v) -> env.add(k + "=" + v));
            IntByReference pid = new IntByReference();
            int rc = C.LIB.posix_spawn(pid, argv.get(0), fa, null, new StringArray(argv.toArray(new String[0])),
                    new StringArray(env.toArray(new String[0])));
            if (rc != 0) {
                throw new IOException("cannot run " + argv.get(0) + ": posix_spawn error " + rc);
            }
            return pid.getValue();
        } finally {
            C.LIB.posix_spawn_file_actions_destroy(fa);
        }
    }

    /** The child's exit status once it has exited (reaping it), or -1 while it runs. */
    static int exitStatus(int pid) {
        IntByReference status = new IntByReference();
        if (C.LIB.waitpid(pid, status, WNOHANG) != pid) {
            return -1;
        }
        int s = status.getValue();
        return (s & 0x7f) == 0 ? (s >> 8) & 0xff : 128 + (s & 0x7f);
    }

    /** Kills the child and reaps it. */
    static void kill(int pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        C.LIB.waitpid(pid, new IntByReference(), 0);
    }

    private static void check(int rc, String what) throws IOException {
        if (rc != 0) {
            throw new IOException("posix_spawn_file_actions_" + what + ": error " + rc);
        }
    }
}
