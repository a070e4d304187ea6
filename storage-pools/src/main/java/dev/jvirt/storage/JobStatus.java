package dev.jvirt.storage;

/**
 * A snapshot of a volume job, for a caller that polls.
 *
 * @param id the job's number, unique in this {@link StoragePools}
 * @param kind {@code upload}, {@code download}, {@code wipe}, {@code clone}, {@code create}
 * @param volume the volume the job works on
 * @param state where the job is
 * @param bytesDone progress so far
 * @param bytesTotal the whole (0 while unknown)
 * @param error why it failed, or null
 */
public record JobStatus(long id, String kind, VolumeRef volume, JobState state, long bytesDone, long bytesTotal, String error) {
    /** Progress in percent, 0..100. */
    public double percent() {
        return bytesTotal <= 0 ? (state == JobState.SUCCEEDED ? 100 : 0) : 100.0 * bytesDone / bytesTotal;
    }
}
