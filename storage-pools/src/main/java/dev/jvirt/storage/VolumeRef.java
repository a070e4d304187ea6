package dev.jvirt.storage;

/** A volume by pool and name, as {@code <source pool='p' volume='v'/>} names it. */
public record VolumeRef(String pool, String volume) {
    @Override
    public String toString() {
        return "volume '" + volume + "' in pool '" + pool + "'";
    }
}
