package dev.jvirt.vmmcore;

/**
 * One disk of a running domain as {@code virsh domblkinfo} and {@code domblkerror} show it: the
 * image's virtual size, the bytes it takes on the host, the file's size, and the I/O error QEMU
 * stopped on ({@code none}, {@code unspecified error}, {@code no space}).
 */
public record BlockInfo(String target, String path, long capacity, long allocation, long physical, String error) {
}
