package dev.jvirt.storage.backend;

import dev.jvirt.storage.Preallocation;
import java.nio.file.Path;

/**
 * A volume for a {@link VolumeStore} to make, its name already checked: empty, a linked clone
 * over {@code backingPath}, or a full copy of {@code copyFrom}.
 */
public record NewVolume(String name, String format, long capacity, Preallocation preallocation,
        Path backingPath, String backingFormat, Path copyFrom, String copyFromFormat) {

    /** An empty volume, or a linked clone when {@code backingPath} is given. */
    public static NewVolume empty(String name, String format, long capacity, Preallocation pre, Path backingPath, String backingFormat) {
        return new NewVolume(name, format, capacity, pre, backingPath, backingFormat, null, null);
    }

    /** A full copy of {@code src} in {@code format}. */
    public static NewVolume copy(String name, String format, long capacity, Path src, String srcFormat) {
        return new NewVolume(name, format, capacity, Preallocation.OFF, null, null, src, srcFormat);
    }
}
