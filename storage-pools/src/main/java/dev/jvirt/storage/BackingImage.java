package dev.jvirt.storage;

/** One image below a volume in its backing chain: its path and format, as qemu-img reports them. */
public record BackingImage(String path, String format) {}
