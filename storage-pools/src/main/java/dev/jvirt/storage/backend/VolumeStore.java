package dev.jvirt.storage.backend;

import dev.jvirt.storage.exec.ImageInfo;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Where a running pool keeps its volumes: files in a directory ({@link FileVolumeStore}) or LVs
 * in a volume group ({@link LvmVolumeStore}). Names reaching it are already checked by
 * {@link dev.jvirt.storage.VolumeNames}; it still refuses anything that would leave the pool.
 */
public interface VolumeStore {
    /** The volumes' names, sorted. */
    List<String> list();

    /** Whether something of that name exists (a volume, or anything else that blocks the name). */
    boolean exists(String name);

    /** The path of an existing volume, checked to lie in the pool; NoSuchVolumeException if none. */
    Path existing(String name);

    /** {@code file} or {@code block}. */
    String type();

    /** The only format this store holds ({@code raw} for LVs), or null when any format goes. */
    String onlyFormat();

    /** Format, capacity, allocation and backing chain of an existing volume. */
    ImageInfo describe(String name);

    /** Makes a volume; on failure nothing of it is left. {@code perMille} receives copy progress. */
    void create(NewVolume v, LongConsumer perMille, BooleanSupplier cancelled);

    /** Resizes; the caller has checked the direction. */
    void resize(String name, String format, long bytes, boolean shrink);

    /** Deletes the volume. */
    void delete(String name);

    /**
     * Opens for writing without following a symbolic link; {@code discard} first empties a file
     * (so skipped zero blocks become holes) — a block device is never truncated.
     */
    FileChannel openWrite(String name, boolean discard);

    /** Opens for reading without following a symbolic link. */
    FileChannel openRead(String name);

    /** The number of bytes the volume occupies as stored (file length, LV size). */
    long storedLength(String name);

    /** Whether a write of zeros may be skipped after {@code openWrite(name, true)}: true for files. */
    boolean readsZeroAfterDiscard();

    /** Deallocates every block (trim); reads give zeros after. */
    void discardAll(String name);

    /** Removes what an interrupted create left behind; returns how many leftovers went. */
    int cleanLeftovers();
}
