package dev.jvirt.storage.backend;

/** A pool's size in bytes: capacity, allocated, and available to new volumes. */
public record PoolSpace(long capacity, long allocation, long available) {
    /** What an inactive pool reports. */
    public static final PoolSpace NONE = new PoolSpace(0, 0, 0);
}
