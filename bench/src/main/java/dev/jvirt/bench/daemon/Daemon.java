package dev.jvirt.bench.daemon;

/** jvirtd or libvirtd, driven the same way by the benchmark. */
interface Daemon extends AutoCloseable {
    String label();

    /** The daemon's pid (whose RSS is measured). */
    long pid();

    void define(String name, String xml) throws Exception;

    void start(String name) throws Exception;

    void destroy(String name) throws Exception;

    /** One listing of every domain; nanoseconds. */
    long listNanos() throws Exception;
}
