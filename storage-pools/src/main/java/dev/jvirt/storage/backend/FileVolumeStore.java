package dev.jvirt.storage.backend;

import dev.jvirt.storage.InvalidStorageRequestException;
import dev.jvirt.storage.NoSuchVolumeException;
import dev.jvirt.storage.StorageException;
import dev.jvirt.storage.VolumeNames;
import dev.jvirt.storage.exec.ImageInfo;
import dev.jvirt.storage.exec.QemuImg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Volumes as regular files directly in a pool's target directory (dir, fs and netfs pools). A new
 * volume is made under a hidden temporary name and hard-linked to its name only when complete, so a
 * failed or interrupted create leaves nothing under the name, and an existing name is never
 * replaced. Existing volumes are looked at without following links: a symbolic link in the pool,
 * wherever it points, is not a volume.
 */
public final class FileVolumeStore implements VolumeStore {
    private static final String TEMP_MARK = ".jvirt-new-";
    private final Path root;
    private final QemuImg qemuImg;

    /** {@code target} is the pool's directory; its real path is the boundary. */
    public FileVolumeStore(Path target, QemuImg qemuImg) {
        try {
            this.root = target.toRealPath();
        } catch (IOException e) {
            throw new StorageException("pool directory " + target + " is not there: " + e.getMessage(), e);
        }
        this.qemuImg = qemuImg;
    }

    @Override
    public List<String> list() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                if (VolumeNames.problem(n) == null && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(n);
                }
            });
        } catch (IOException e) {
            throw new StorageException("cannot list pool directory " + root + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public boolean exists(String name) {
        return Files.exists(root.resolve(VolumeNames.check(name)), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public Path existing(String name) {
        Path p = root.resolve(VolumeNames.check(name));
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new NoSuchVolumeException("no volume '" + name + "' in " + root);
        } catch (IOException e) {
            throw new StorageException("cannot look at " + p + ": " + e.getMessage(), e);
        }
        if (a.isSymbolicLink()) {
            throw new InvalidStorageRequestException(p + " is a symbolic link; jvirt does not follow links out of a pool"
                    + " (replace it with the file itself)");
        }
        if (!a.isRegularFile()) {
            throw new InvalidStorageRequestException(p + " is not a regular file, so not a volume");
        }
        return p;
    }

    @Override
    public String type() {
        return "file";
    }

    @Override
    public String onlyFormat() {
        return null;
    }

    @Override
    public ImageInfo describe(String name) {
        return qemuImg.info(existing(name), null);
    }

    @Override
    public void create(NewVolume v, LongConsumer perMille, BooleanSupplier cancelled) {
        Path target = root.resolve(VolumeNames.check(v.name()));
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidStorageRequestException("volume '" + v.name() + "' already exists in " + root);
        }
        Path temp = root.resolve("." + v.name() + TEMP_MARK + UUID.randomUUID());
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            if (v.copyFrom() != null) {
                qemuImg.convert(v.copyFrom(), v.copyFromFormat(), temp, v.format(), false, perMille, cancelled);
                if (v.capacity() >= 0 && v.capacity() > qemuImg.info(temp, v.format()).virtualSize()) {
                    qemuImg.resize(temp, v.format(), v.capacity(), false);
                }
            } else {
                qemuImg.create(temp, v.format(), v.capacity(), v.preallocation(), v.backingPath(), v.backingFormat());
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                ch.force(true);
            }
            Files.createLink(target, temp);
            DirSync.sync(root);
        } catch (FileAlreadyExistsException e) {
            throw new InvalidStorageRequestException("volume '" + v.name() + "' already exists in " + root, e);
        } catch (IOException e) {
            throw new StorageException("cannot create volume '" + v.name() + "' in " + root + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public void resize(String name, String format, long bytes, boolean shrink) {
        qemuImg.resize(existing(name), format, bytes, shrink);
    }

    @Override
    public void delete(String name) {
        Path p = existing(name);
        try {
            Files.delete(p);
            DirSync.sync(root);
        } catch (IOException e) {
            throw new StorageException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public FileChannel openWrite(String name, boolean discard) {
        return open(name, discard ? new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
            LinkOption.NOFOLLOW_LINKS} : new OpenOption[] {StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS});
    }

    @Override
    public FileChannel openRead(String name) {
        return open(name, new OpenOption[] {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS});
    }

    private FileChannel open(String name, OpenOption[] options) {
        Path p = existing(name);
        try {
            return FileChannel.open(p, options);
        } catch (IOException e) {
            throw new StorageException("cannot open " + p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long storedLength(String name) {
        try {
            return Files.size(existing(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean readsZeroAfterDiscard() {
        return true;
    }

    @Override
    public void discardAll(String name) {
        long length = storedLength(name);
        try (FileChannel ch = openWrite(name, true)) {
            if (length > 0) {
                ch.write(java.nio.ByteBuffer.allocate(1), length - 1);
            }
            ch.force(true);
        } catch (IOException e) {
            throw new StorageException("cannot trim " + name + " in " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int cleanLeftovers() {
        int n = 0;
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String f = p.getFileName().toString();
                if (f.startsWith(".") && f.contains(TEMP_MARK) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    deleteQuietly(p);
                    n++;
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot list pool directory " + root + ": " + e.getMessage(), e);
        }
        return n;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover is removed by the next refresh
        }
    }
}
