package dev.jvirt.bridgenet;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a process that inherits chosen descriptors at chosen numbers ({@code posix_spawn} with
 * {@code dup2} file actions), as a launcher handing TAP descriptors to QEMU must: Java's
 * ProcessBuilder closes every descriptor above 2 in the child. stdin is /dev/null; stdout and
 * stderr go to a file. The caller waits for (reaps) the process with {@link #waitFor}.
 */
final class FdSpawn {
    interface C extends Library {
        C LIB = Native.load("c", C.class);

        int posix_spawn_file_actions_init(Pointer fa);

        int posix_spawn_file_actions_destroy(Pointer fa);

        int posix_spawn_file_actions_adddup2(Pointer fa, int fd, int newfd);

        int posix_spawn_file_actions_addopen(Pointer fa, int fd, String path, int oflag, int mode);

        int posix_spawnp(IntByReference pid, String file, Pointer fa, Pointer attr, StringArray argv, StringArray envp);

        int waitpid(int pid, IntByReference status, int options);
    }

    private static final int O_WRONLY = 1;
    private static final int O_CREAT = 0x40;
    private static final int O_TRUNC = 0x200;
    private static final int WNOHANG = 1;

    private FdSpawn() {
    }

    /**
     * @param inherit descriptor in this process → number in the child
     */
    static int spawn(List<String> argv, Map<Integer, Integer> inherit, Path log) {
        Memory fa = new Memory(256);
        fa.clear();
        C.LIB.posix_spawn_file_actions_init(fa);
        try {
            C.LIB.posix_spawn_file_actions_addopen(fa, 0, "/dev/null", 0, 0);
            C.LIB.posix_spawn_file_actions_addopen(fa, 1, log.toString(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            C.LIB.posix_spawn_file_actions_adddup2(fa, 1, 2);
            for (Map.Entry<Integer, Integer> e : inherit.entrySet()) {
                C.LIB.posix_spawn_file_actions_adddup2(fa, e.getKey(), e.getValue());
            }
            List<String> env = new ArrayList<>();
            System.getenv().forEach((k, v) -> env.add(k + "=" + v));
            IntByReference pid = new IntByReference();
            int rc = C.LIB.posix_spawnp(pid, argv.get(0), fa, null, new StringArray(argv.toArray(new String[0])),
                    new StringArray(env.toArray(new String[0])));
            if (rc != 0) {
                throw new IllegalStateException("posix_spawnp " + argv.get(0) + ": error " + rc);
            }
            return pid.getValue();
        } finally {
            C.LIB.posix_spawn_file_actions_destroy(fa);
        }
    }

    /** Whether the child has exited (reaping it if so). */
    static boolean exited(int pid) {
        return C.LIB.waitpid(pid, new IntByReference(), WNOHANG) == pid;
    }

    /** Kills the child and reaps it. */
    static void kill(int pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        C.LIB.waitpid(pid, new IntByReference(), 0);
    }
}
