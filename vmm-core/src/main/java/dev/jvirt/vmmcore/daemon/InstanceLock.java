package dev.jvirt.vmmcore.daemon;

import dev.jvirt.vmmcore.security.CurrentUser;
import dev.jvirt.vmmcore.security.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exactly one jvirtd per runtime directory: an exclusive lock on {@code RUNTIME/jvirtd.lock},
 * held for the daemon's life (the kernel drops it when the process dies, even by SIGKILL). The
 * file holds the owner's pid, so a second daemon can say who is running.
 */
public final class InstanceLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or throws {@link AlreadyRunningException} naming the pid that holds it. */
    public static InstanceLock acquire(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel ch = PrivateFiles.openOwn(file, CurrentUser.uid()); // 0600, never through a link
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM (a test running two daemons)
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String owner = readOwner(ch);
            ch.close();
            throw new AlreadyRunningException(file, owner);
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        ch.force(true);
        return new InstanceLock(file, ch, lock);
    }

    private static String readOwner(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            ch.read(buf, 0);
            String s = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
            return s.matches("\\d+") ? s : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                channel.truncate(0);
                lock.release();
            }
        } finally {
            channel.close();
        }
    }


    /** Another jvirtd holds the lock. */
    public static final class AlreadyRunningException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String pid;

        AlreadyRunningException(Path file, String pid) {
            super("another jvirtd is already running for this state (pid " + pid + ", lock " + file
                    + "); stop it first (kill " + pid + "), or use other --state-dir/--runtime-dir");
            this.pid = pid;
        }

        /** The pid of the running daemon, or {@code unknown}. */
        public String pid() {
            return pid;
        }
    }
}
