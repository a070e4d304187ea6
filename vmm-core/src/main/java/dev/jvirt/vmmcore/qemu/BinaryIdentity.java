package dev.jvirt.vmmcore.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Which QEMU binary exactly: its real path, size, modification time and inode. A package upgrade
 * changes at least one of them, so probed capabilities are cached under {@link #key()}.
 */
public record BinaryIdentity(String path, long size, long mtimeNanos, long inode) {

    public static BinaryIdentity of(Path binary) throws IOException {
        Path real = binary.toRealPath();
        Map<String, Object> attrs = Files.readAttributes(real, "unix:size,lastModifiedTime,ino");
        FileTime mtime = (FileTime) attrs.get("lastModifiedTime");
        long nanos = mtime.to(java.util.concurrent.TimeUnit.NANOSECONDS);
        return new BinaryIdentity(real.toString(), ((Number) attrs.get("size")).longValue(), nanos,
                ((Number) attrs.get("ino")).longValue());
    }

    /** A file-name-safe digest of the identity. */
    public String key() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((path + "\0" + size + "\0" + mtimeNanos + "\0" + inode).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
