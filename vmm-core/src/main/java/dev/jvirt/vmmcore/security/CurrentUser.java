package dev.jvirt.vmmcore.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The effective uid of this process (the owner of {@code /proc/self}). */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static int uid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot tell which uid this process runs as (/proc/self): " + e, e);
        }
    }
}
