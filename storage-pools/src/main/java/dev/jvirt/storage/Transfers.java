package dev.jvirt.storage;

import dev.jvirt.storage.backend.VolumeStore;
import dev.jvirt.storage.exec.ImageInfo;
import dev.jvirt.storage.io.Extents;
import dev.jvirt.storage.io.SparseCopy;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;

/** The byte-moving volume jobs: upload, download and wipe. */
final class Transfers {
    private final VolumeContext context;

    Transfers(VolumeContext c) {
        this.context = c;
    }

    Job uploadFile(VolumeRef v, Path file, ProgressListener listener) {
        FileChannel in;
        long length;
        try {
            in = FileChannel.open(file, StandardOpenOption.READ);
            length = in.size();
        } catch (IOException e) {
            throw new InvalidStorageRequestException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return upload(v, in, length, listener, file);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    Job upload(VolumeRef v, ReadableByteChannel source, long length, ProgressListener listener) {
        return upload(v, source, length, listener, null);
    }

    /** {@code file}, when given, is where {@code source} reads from: then only its data extents are read. */
    private Job upload(VolumeRef v, ReadableByteChannel source, long length, ProgressListener listener, Path file) {
        VolumeStore s = store(v);
        s.existing(v.volume());
        VolumeLocks.Hold hold = context.locks().acquire(v, "upload", false);
        try {
            boolean wasIncomplete = context.markers().isMarked(v);
            ImageInfo now = wasIncomplete ? null : s.describe(v.volume());
            long capacity = wasIncomplete ? context.markers().capacity(v) : now.virtualSize();
            boolean raw = s.onlyFormat() != null || (wasIncomplete ? context.markers().raw(v) : "raw".equals(now.format()));
            if (length < 0) {
                throw new InvalidStorageRequestException("an upload needs its length");
            }
            if (length > capacity) {
                throw new InvalidStorageRequestException("the upload (" + length + " bytes) is larger than " + v + " ("
                        + capacity + " bytes); resize the volume first (jvirsh vol-resize)");
            }
            long keepLength = raw ? Math.max(capacity, length) : length;
            context.markers().mark(v, capacity, raw);
            return context.jobs().start("upload", v, hold, listener, ctx -> {
                try (FileChannel out = s.openWrite(v.volume(), true)) {
                    ctx.progress(0, length);
                    long n;
                    if (file != null && s.readsZeroAfterDiscard()) {
                        SparseCopy.copyFile((FileChannel) source, Extents.data(file, length), out, c -> ctx.progress(c, length),
                                ctx::cancelled);
                        n = ((FileChannel) source).size() == length ? length : -1;
                    } else {
                        n = SparseCopy.copy(source, out, length, s.readsZeroAfterDiscard(), c -> ctx.progress(c, length), ctx::cancelled);
                    }
                    if (n != length) {
                        throw new StorageException("upload into " + v + " failed: the source "
                                + (n < 0 ? "changed size while it was read; " : n < length ? "ended after " + n + " of "
                                        : "gave more than the ") + length + " bytes announced;"
                                + " the volume is marked incomplete");
                    }
                    if (s.readsZeroAfterDiscard()) {
                        SparseCopy.extend(out, keepLength);
                    }
                    out.force(true);
                    ctx.progress(length, length);
                } catch (IOException | CancellationException e) {
                    throw new StorageException("upload into " + v + " failed: " + e.getMessage() + "; the volume is marked incomplete", e);
                } finally {
                    if (file != null) {
                        closeQuietly(source);
                    }
                }
                context.markers().clear(v);
            });
        } catch (RuntimeException e) {
            hold.close();
            throw e;
        }
    }

    Job download(VolumeRef v, Path file, ProgressListener listener) {
        VolumeStore s = store(v);
        s.existing(v.volume());
        VolumeLocks.Hold hold = context.locks().acquire(v, "download", true);
        try {
            context.markers().requireComplete(v, "downloading it");
            long length = s.storedLength(v.volume());
            return context.jobs().start("download", v, hold, listener, ctx -> {
                try (FileChannel in = s.openRead(v.volume());
                        FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                                StandardOpenOption.TRUNCATE_EXISTING)) {
                    ctx.progress(0, length);
                    SparseCopy.copyFile(in, Extents.data(s.existing(v.volume()), length), out, c -> ctx.progress(c, length),
                            ctx::cancelled);
                    SparseCopy.extend(out, length);
                    out.force(true);
                    ctx.progress(length, length);
                } catch (IOException | CancellationException e) {
                    deleteQuietly(file);
                    throw new StorageException("download of " + v + " to " + file + " failed: " + e.getMessage(), e);
                }
            });
        } catch (RuntimeException e) {
            hold.close();
            throw e;
        }
    }

    Job download(VolumeRef v, VolumeSink sink, ProgressListener listener) {
        VolumeStore s = store(v);
        Path path = s.existing(v.volume());
        VolumeLocks.Hold hold = context.locks().acquire(v, "download", true);
        try {
            context.markers().requireComplete(v, "downloading it");
            long length = s.storedLength(v.volume());
            return context.jobs().start("download", v, hold, listener, ctx -> {
                try (FileChannel in = s.openRead(v.volume())) {
                    ctx.progress(0, length);
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(SparseCopy.CHUNK);
                    for (Extents.Extent e : Extents.data(path, length)) {
                        long pos = e.offset();
                        long end = e.offset() + e.length();
                        while (pos < end) {
                            if (ctx.cancelled()) {
                                throw new CancellationException("cancelled after " + pos + " bytes");
                            }
                            buf.clear().limit((int) Math.min(SparseCopy.CHUNK, end - pos));
                            while (buf.hasRemaining()) {
                                if (in.read(buf, pos + buf.position()) < 0) {
                                    throw new IOException("the volume ended at " + (pos + buf.position()) + ", inside its data");
                                }
                            }
                            buf.flip();
                            int n = buf.remaining();
                            sink.data(pos, buf);
                            pos += n;
                            ctx.progress(pos, length);
                        }
                    }
                    ctx.progress(length, length);
                } catch (IOException | CancellationException e) {
                    throw new StorageException("download of " + v + " failed: " + e.getMessage(), e);
                }
            });
        } catch (RuntimeException e) {
            hold.close();
            throw e;
        }
    }

    /**
     * Overwrites every stored byte (zero, random) or deallocates them (trim); a qcow2 volume then
     * gets fresh metadata of the same capacity and backing, so it stays a usable, empty image.
     */
    Job wipe(VolumeRef v, WipeAlgorithm algorithm, ProgressListener listener) {
        VolumeStore s = store(v);
        Path path = s.existing(v.volume());
        VolumeLocks.Hold hold = context.locks().acquire(v, "wipe", false);
        try {
            ImageInfo before = context.markers().isMarked(v) ? null : s.describe(v.volume());
            long length = s.storedLength(v.volume());
            return context.jobs().start("wipe", v, hold, listener, ctx -> {
                if (algorithm == WipeAlgorithm.TRIM) {
                    s.discardAll(v.volume());
                } else {
                    try (FileChannel out = s.openWrite(v.volume(), false)) {
                        SparseCopy.fill(out, length, algorithm == WipeAlgorithm.RANDOM, c -> ctx.progress(c, length), ctx::cancelled);
                        out.force(true);
                    } catch (IOException | CancellationException e) {
                        throw new StorageException("wipe of " + v + " failed: " + e.getMessage(), e);
                    }
                }
                if (before != null && !"raw".equals(before.format()) && s.onlyFormat() == null) {
                    dev.jvirt.storage.BackingImage b = before.backingChain().isEmpty() ? null : before.backingChain().get(0);
                    context.qemuImg().create(path, before.format(), before.virtualSize(), Preallocation.OFF,
                            b == null ? null : Path.of(b.path()), b == null ? null : b.format());
                }
                ctx.progress(length, length);
            });
        } catch (RuntimeException e) {
            hold.close();
            throw e;
        }
    }

    private VolumeStore store(VolumeRef v) {
        return context.store(v);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing more to do with a source that will not close
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the caller's file; the error says the download failed
        }
    }
}
