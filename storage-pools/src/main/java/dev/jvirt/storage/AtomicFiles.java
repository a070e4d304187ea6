package dev.jvirt.storage;

import dev.jvirt.storage.backend.DirSync;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/** Files written whole or not at all, private to their owner: temp (0600) + fsync + rename + fsync of the directory. */
final class AtomicFiles {
    private AtomicFiles() {}

    static void write(Path target, String content) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(temp, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ByteBuffer b = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DirSync.sync(dir);
        } catch (IOException e) {
            throw new StorageException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the rename went through or the write failed; either way nothing else to do
            }
        }
    }

    static void delete(Path target) {
        try {
            if (Files.deleteIfExists(target)) {
                DirSync.sync(target.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new StorageException("cannot delete " + target + ": " + e.getMessage(), e);
        }
    }
}
