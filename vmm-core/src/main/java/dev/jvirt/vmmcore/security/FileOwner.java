package dev.jvirt.vmmcore.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** What {@code lstat} says about one path: owner, group and mode bits (the link itself, never its target). */
public record FileOwner(int uid, int gid, int mode) {
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFLNK = 0120000;
    static final int S_IFREG = 0100000;
    static final int S_IFSOCK = 0140000;
    static final int S_ISVTX = 01000;

    /** {@code lstat(path)}; {@link java.nio.file.NoSuchFileException} when it does not exist. */
    public static FileOwner of(Path path) throws IOException {
        var a = Files.readAttributes(path, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        return new FileOwner(((Number) a.get("uid")).intValue(), ((Number) a.get("gid")).intValue(),
                ((Number) a.get("mode")).intValue());
    }

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public boolean isSymlink() {
        return (mode & S_IFMT) == S_IFLNK;
    }

    public boolean isRegularFile() {
        return (mode & S_IFMT) == S_IFREG;
    }

    public boolean isSocket() {
        return (mode & S_IFMT) == S_IFSOCK;
    }

    public boolean isSticky() {
        return (mode & S_ISVTX) != 0;
    }

    /** The permission bits ({@code 0777} part). */
    public int permissions() {
        return mode & 0777;
    }

    /** Group or others may write. */
    public boolean writableByOthers() {
        return (mode & 0022) != 0;
    }

    /** {@code 0755}-style octal text of the permission bits. */
    public String octal() {
        return String.format("%04o", mode & 07777);
    }
}
