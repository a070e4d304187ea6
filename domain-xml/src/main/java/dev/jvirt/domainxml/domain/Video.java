package dev.jvirt.domainxml.domain;

/**
 * {@code <video><model type='virtio|qxl|vga|cirrus|bochs|ramfb|none' .../></video>}.
 *
 * @param model model type
 * @param ram qxl ram KiB, or null
 * @param vram video RAM KiB, or null
 * @param vgamem qxl vgamem KiB, or null
 * @param heads number of heads, or null
 * @param primary yes/no, or null
 * @param accel3d {@code <acceleration accel3d>} yes/no, or null
 * @param address {@code <address>}, or null
 */
public record Video(
        String model,
        Integer ram,
        Integer vram,
        Integer vgamem,
        Integer heads,
        Boolean primary,
        Boolean accel3d,
        Address address) {

    /** A copy with another address. */
    public Video withAddress(Address a) {
        return new Video(model, ram, vram, vgamem, heads, primary, accel3d, a);
    }
}
