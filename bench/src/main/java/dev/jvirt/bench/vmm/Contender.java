package dev.jvirt.bench.vmm;

/** One way of starting the bench domain. */
interface Contender extends AutoCloseable {

    String label();

    /**
     * Starts the guest once. Returns {@code [running, marker]}: nanoseconds from the call until the
     * guest runs (the call returned; for bare QEMU, QMP answered), and until the marker is on serial.
     */
    long[] start() throws Exception;

    /** Stops the guest started last (not timed). */
    void stop() throws Exception;

    @Override
    default void close() throws Exception {
    }
}
