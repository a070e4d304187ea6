package dev.jvirt.vmmcore.security;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The process's file creation mask. jvirtd sets {@code 077} at start, so that whatever it or the
 * QEMU it launches creates without naming a mode (logs, caches, sockets, images) is private;
 * files meant for others (the system socket) get their mode explicitly.
 */
public final class Umask {
    /** Nothing for group or others. */
    public static final int PRIVATE = 077;

    private interface C extends Library {
        int umask(int mask);
    }

    private Umask() {
    }

    /** Sets the mask; returns the previous one. */
    public static int set(int mask) {
        return Native.load("c", C.class).umask(mask);
    }
}
