package dev.jvirt.storage;

/** Told how far a long volume operation is; called from the job's thread, often: keep it quick. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    void progress(long bytesDone, long bytesTotal);
}
