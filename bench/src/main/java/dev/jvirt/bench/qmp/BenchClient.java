package dev.jvirt.bench.qmp;

/** One QMP connection as the benchmark drives it. */
interface BenchClient extends AutoCloseable {

    /** One {@code query-status} round trip. */
    void roundTrip() throws Exception;

    /** Sends {@code count} {@code query-status} commands back to back, then waits for every reply. */
    void pipelined(int count) throws Exception;

    @Override
    void close() throws Exception;
}
