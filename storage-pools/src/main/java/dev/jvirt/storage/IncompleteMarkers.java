package dev.jvirt.storage;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Volumes whose upload has begun and not finished: a marker file {@code DIR/POOL/VOLUME}, made
 * durable before the first byte is written and removed only after the data is synced. A process
 * killed mid-upload leaves it; the volume is then refused (start, clone, download, resize) until
 * an upload completes or the volume is deleted. Kept beside the pool definitions rather than in
 * the pool, so it works for LVs too.
 */
final class IncompleteMarkers {
    private final Path dir;

    IncompleteMarkers(Path dir) {
        this.dir = dir;
    }

    private Path marker(VolumeRef v) {
        return dir.resolve(v.pool()).resolve(VolumeNames.check(v.volume()));
    }

    /**
     * Marks the volume; the marker keeps what the content cannot tell while half-written: the
     * volume's capacity and whether it is raw.
     */
    void mark(VolumeRef v, long capacity, boolean raw) {
        AtomicFiles.write(marker(v), "capacity=" + capacity + "\nraw=" + raw + "\n");
    }

    /** The capacity recorded when the unfinished upload began, or -1 when not marked. */
    long capacity(VolumeRef v) {
        return Long.parseLong(field(v, "capacity", "-1"));
    }

    /** Whether the volume was raw when the unfinished upload began. */
    boolean raw(VolumeRef v) {
        return Boolean.parseBoolean(field(v, "raw", "true"));
    }

    private String field(VolumeRef v, String key, String absent) {
        try {
            for (String l : Files.readAllLines(marker(v))) {
                if (l.startsWith(key + "=")) {
                    return l.substring(key.length() + 1);
                }
            }
            return absent;
        } catch (java.nio.file.NoSuchFileException e) {
            return absent;
        } catch (java.io.IOException e) {
            throw new StorageException("cannot read " + marker(v) + ": " + e.getMessage(), e);
        }
    }

    void clear(VolumeRef v) {
        AtomicFiles.delete(marker(v));
    }

    boolean isMarked(VolumeRef v) {
        return Files.exists(marker(v));
    }

    /** Drops the markers of volumes of {@code pool} that no longer exist. */
    void forgetMissing(String pool, java.util.function.Predicate<String> exists) {
        Path d = dir.resolve(pool);
        if (!Files.isDirectory(d)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.list(d)) {
            for (Path m : (Iterable<Path>) s::iterator) {
                String name = m.getFileName().toString();
                if (VolumeNames.problem(name) == null && !exists.test(name)) {
                    AtomicFiles.delete(m);
                }
            }
        } catch (java.io.IOException e) {
            throw new StorageException("cannot list " + d + ": " + e.getMessage(), e);
        }
    }

    /** Refuses an incomplete volume for {@code operation}. */
    void requireComplete(VolumeRef v, String operation) {
        if (isMarked(v)) {
            throw new VolumeIncompleteException(v + " is incomplete (an upload into it did not finish); " + operation
                    + " is refused until an upload completes (jvirsh vol-upload) or the volume is deleted");
        }
    }
}
