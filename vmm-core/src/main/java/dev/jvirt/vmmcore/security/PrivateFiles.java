package dev.jvirt.vmmcore.security;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files jvirtd creates in its private directories: opened without following a symbolic link
 * ({@code O_NOFOLLOW}), created {@code 0600}, and used only when they are regular files of its own.
 */
public final class PrivateFiles {
    /** {@code rw-------}. */
    public static final int FILE_MODE = 0600;

    private PrivateFiles() {
    }

    /**
     * Opens {@code file} for reading and writing, creating it {@code 0600} if missing; refuses a
     * symbolic link or a file of another owner. The caller closes the channel.
     */
    public static FileChannel openOwn(Path file, int uid) throws IOException {
        Set<OpenOption> opts = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, opts, PosixFilePermissions.asFileAttribute(PrivateDirs.permissions(FILE_MODE)));
        } catch (IOException e) { // ELOOP from O_NOFOLLOW
            if (Files.isSymbolicLink(file)) {
                throw new UnsafePathException(file, "will not open " + file + ": it is a symbolic link (to "
                        + Files.readSymbolicLink(file) + "); remove it (rm " + file + ")");
            }
            throw e;
        }
        try {
            checkOwnFile(file, uid);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    /** Makes sure {@code file} exists as a regular {@code 0600} file of {@code uid} (e.g. a log another library appends to). */
    public static void prepare(Path file, int uid) throws IOException {
        openOwn(file, uid).close();
    }

    private static void checkOwnFile(Path file, int uid) throws IOException {
        FileOwner o = FileOwner.of(file);
        if (!o.isRegularFile()) {
            throw new UnsafePathException(file, "will not use " + file + ": it is not a regular file; remove it");
        }
        if (o.uid() != uid) {
            throw new UnsafePathException(file, "will not use " + file + ": it is owned by " + PrivateDirs.who(o.uid())
                    + ", not by " + PrivateDirs.who(uid) + " that jvirtd runs as; remove it");
        }
        if ((o.permissions() & ~FILE_MODE) != 0) {
            Files.setPosixFilePermissions(file, PrivateDirs.permissions(FILE_MODE));
        }
    }

    /** The identity (device and inode) of {@code file} itself, to recognise it later. */
    public static Object identity(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** Deletes {@code file} only if it is still the one {@link #identity} saw; true if deleted. */
    public static boolean deleteIfSame(Path file, Object identity) throws IOException {
        try {
            if (identity != null && identity.equals(identity(file))) {
                return Files.deleteIfExists(file);
            }
            return false;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
