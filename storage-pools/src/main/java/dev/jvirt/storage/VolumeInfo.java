package dev.jvirt.storage;

import java.util.List;

/**
 * What {@code vol-info}, {@code vol-list --details} and {@code vol-dumpxml} show.
 *
 * @param pool the pool's name
 * @param name the volume's name
 * @param path its path on the host (also its key, as in libvirt's dir and logical pools)
 * @param type {@code file} or {@code block}
 * @param format as qemu-img reports it
 * @param capacity virtual size in bytes
 * @param allocation bytes allocated on the host
 * @param backingChain the images below it, nearest first
 * @param incomplete an upload into it did not finish
 * @param holder what holds it now ({@code upload (job 3)}, {@code in use by guest 'web1'}), or null
 */
public record VolumeInfo(String pool, String name, String path, String type, String format, long capacity, long allocation,
        List<BackingImage> backingChain, boolean incomplete, String holder) {
    /** Normalises the list. */
    public VolumeInfo {
        backingChain = List.copyOf(backingChain);
    }

    /** libvirt's key for the volume: its path. */
    public String key() {
        return path;
    }
}
