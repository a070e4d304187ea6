package dev.jvirt.storage;

/**
 * What {@code pool-info} and {@code pool-list --details} show.
 *
 * @param name the pool's name
 * @param uuid its UUID
 * @param type dir, fs, netfs, logical
 * @param running whether it is started
 * @param persistent false for a pool made by {@code pool-create} without a definition
 * @param autostart whether it starts with the library's {@link StoragePools#startAutostart()}
 * @param capacity bytes (0 when inactive)
 * @param allocation bytes (0 when inactive)
 * @param available bytes (0 when inactive)
 */
public record PoolInfo(String name, String uuid, String type, boolean running, boolean persistent, boolean autostart,
        long capacity, long allocation, long available) {}
