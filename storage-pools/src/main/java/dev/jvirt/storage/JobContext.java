package dev.jvirt.storage;

/** What a job's body sees: where to report progress, and whether it was cancelled. */
interface JobContext {
    void progress(long done, long total);

    boolean cancelled();

    /** Throws when the job was cancelled. */
    default void checkCancelled() {
        if (cancelled()) {
            throw new StorageException("cancelled");
        }
    }
}
