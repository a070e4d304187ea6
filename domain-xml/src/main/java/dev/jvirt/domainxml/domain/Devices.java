package dev.jvirt.domainxml.domain;

import java.util.List;

/**
 * {@code <devices>}: every device of a domain, each kind in document order.
 *
 * @param emulator {@code <emulator>} path, or null (the driver chooses)
 * @param disks {@code <disk>}
 * @param controllers {@code <controller>}
 * @param filesystems {@code <filesystem>}
 * @param interfaces {@code <interface>}
 * @param serials {@code <serial>}
 * @param consoles {@code <console>}
 * @param channels {@code <channel>}
 * @param inputs {@code <input>}
 * @param graphics {@code <graphics>}
 * @param sounds {@code <sound>}
 * @param audios {@code <audio>}
 * @param videos {@code <video>}
 * @param watchdogs {@code <watchdog>}
 * @param memballoon {@code <memballoon>}, or null
 * @param rngs {@code <rng>}
 * @param panics {@code <panic>}
 * @param tpms {@code <tpm>}
 * @param redirdevs {@code <redirdev>}
 * @param extensions device elements libvirt's schema allows that jvirt keeps as written without
 *     interpreting them ({@code <hub>}, {@code <smartcard>}, {@code <hostdev>}, ...), in order
 */
public record Devices(
        String emulator,
        List<Disk> disks,
        List<Controller> controllers,
        List<Filesystem> filesystems,
        List<NetInterface> interfaces,
        List<CharDevice> serials,
        List<CharDevice> consoles,
        List<CharDevice> channels,
        List<Input> inputs,
        List<Graphics> graphics,
        List<Sound> sounds,
        List<Audio> audios,
        List<Video> videos,
        List<Watchdog> watchdogs,
        Memballoon memballoon,
        List<Rng> rngs,
        List<Panic> panics,
        List<Tpm> tpms,
        List<Redirdev> redirdevs,
        List<dev.jvirt.domainxml.VerbatimElement> extensions) {

    /** No devices at all. */
    public static final Devices EMPTY = new Devices(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null);

    /** A copy with another {@code <emulator>}. */
    public Devices withEmulator(String path) {
        return new Devices(path, disks, controllers, filesystems, interfaces, serials, consoles, channels, inputs,
                graphics, sounds, audios, videos, watchdogs, memballoon, rngs, panics, tpms, redirdevs, extensions);
    }

    /** Normalises every list to an immutable copy. */
    public Devices {
        disks = copy(disks);
        controllers = copy(controllers);
        filesystems = copy(filesystems);
        interfaces = copy(interfaces);
        serials = copy(serials);
        consoles = copy(consoles);
        channels = copy(channels);
        inputs = copy(inputs);
        graphics = copy(graphics);
        sounds = copy(sounds);
        audios = copy(audios);
        videos = copy(videos);
        watchdogs = copy(watchdogs);
        rngs = copy(rngs);
        panics = copy(panics);
        tpms = copy(tpms);
        redirdevs = copy(redirdevs);
        extensions = copy(extensions);
    }

    private static <T> List<T> copy(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    /** The first {@code <channel>} named {@code org.qemu.guest_agent.0}, or null. */
    public CharDevice guestAgentChannel() {
        for (CharDevice c : channels) {
            if (c.target() != null && "org.qemu.guest_agent.0".equals(c.target().name())) {
                return c;
            }
        }
        return null;
    }

    /** A builder starting from this device set, for defaults and tests. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy of a device set; {@link #build()} makes the record. */
    public static final class Builder {
        /** Emulator path. */
        public String emulator;
        /** Lists, mutable. */
        public List<Disk> disks;
        /** Controllers. */
        public List<Controller> controllers;
        /** Filesystems. */
        public List<Filesystem> filesystems;
        /** Interfaces. */
        public List<NetInterface> interfaces;
        /** Serials. */
        public List<CharDevice> serials;
        /** Consoles. */
        public List<CharDevice> consoles;
        /** Channels. */
        public List<CharDevice> channels;
        /** Inputs. */
        public List<Input> inputs;
        /** Graphics. */
        public List<Graphics> graphics;
        /** Sounds. */
        public List<Sound> sounds;
        /** Audios. */
        public List<Audio> audios;
        /** Videos. */
        public List<Video> videos;
        /** Watchdogs. */
        public List<Watchdog> watchdogs;
        /** Memory balloon. */
        public Memballoon memballoon;
        /** RNGs. */
        public List<Rng> rngs;
        /** Panic devices. */
        public List<Panic> panics;
        /** TPMs. */
        public List<Tpm> tpms;
        /** Redirected USB devices. */
        public List<Redirdev> redirdevs;
        /** Devices kept as written. */
        public List<dev.jvirt.domainxml.VerbatimElement> extensions;

        Builder(Devices d) {
            emulator = d.emulator;
            disks = new java.util.ArrayList<>(d.disks);
            controllers = new java.util.ArrayList<>(d.controllers);
            filesystems = new java.util.ArrayList<>(d.filesystems);
            interfaces = new java.util.ArrayList<>(d.interfaces);
            serials = new java.util.ArrayList<>(d.serials);
            consoles = new java.util.ArrayList<>(d.consoles);
            channels = new java.util.ArrayList<>(d.channels);
            inputs = new java.util.ArrayList<>(d.inputs);
            graphics = new java.util.ArrayList<>(d.graphics);
            sounds = new java.util.ArrayList<>(d.sounds);
            audios = new java.util.ArrayList<>(d.audios);
            videos = new java.util.ArrayList<>(d.videos);
            watchdogs = new java.util.ArrayList<>(d.watchdogs);
            memballoon = d.memballoon;
            rngs = new java.util.ArrayList<>(d.rngs);
            panics = new java.util.ArrayList<>(d.panics);
            tpms = new java.util.ArrayList<>(d.tpms);
            redirdevs = new java.util.ArrayList<>(d.redirdevs);
            extensions = new java.util.ArrayList<>(d.extensions);
        }

        /** Builds the immutable record. */
        public Devices build() {
            return new Devices(emulator, disks, controllers, filesystems, interfaces, serials, consoles,
                    channels, inputs, graphics, sounds, audios, videos, watchdogs, memballoon, rngs, panics, tpms, redirdevs,
                    extensions);
        }
    }
}
