package dev.jvirt.storage;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a streamed download goes ({@link Volumes#download(VolumeRef, VolumeSink, ProgressListener)}):
 * the volume's data extents in order, each chunk at its offset; the gaps between them read as
 * zeros. A sink that throws ends the download.
 */
@FunctionalInterface
public interface VolumeSink {
    /** {@code data} holds the bytes at {@code offset}; offsets only grow. Consume it before returning. */
    void data(long offset, ByteBuffer data) throws IOException;
}
