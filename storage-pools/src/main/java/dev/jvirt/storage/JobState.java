package dev.jvirt.storage;

/** Where a volume job is. */
public enum JobState {
    RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this != RUNNING;
    }
}
