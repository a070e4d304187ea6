package dev.jvirt.vmmcore.qemu.argv;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.vmmcore.HostCapabilities;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** The fixed host the golden files are made for: QEMU 7.2 at /usr/bin, KVM usable. */
final class TestHost {

    static final String EMULATOR = "/usr/bin/qemu-system-x86_64";

    static final Set<String> DEVICE_TYPES = Set.of(
            "virtio-blk-pci", "ide-hd", "ide-cd", "scsi-hd", "scsi-cd", "usb-storage",
            "virtio-net-pci", "e1000", "e1000e", "rtl8139",
            "piix3-usb-uhci", "piix4-usb-uhci", "usb-ehci", "ich9-usb-ehci1", "ich9-usb-uhci1", "ich9-usb-uhci2",
            "ich9-usb-uhci3", "pci-ohci", "usb-redir", "tpm-crb", "tpm-tis", "qemu-xhci", "nec-usb-xhci",
            "virtio-scsi-pci", "lsi53c895a", "ahci", "virtio-serial-pci",
            "pcie-root-port", "pci-bridge", "pcie-pci-bridge",
            "isa-serial", "pci-serial", "usb-serial", "virtconsole", "virtserialport",
            "usb-tablet", "usb-mouse", "usb-kbd", "virtio-tablet-pci", "virtio-mouse-pci", "virtio-keyboard-pci",
            "VGA", "cirrus-vga", "qxl-vga", "qxl", "bochs-display", "virtio-vga", "virtio-gpu-pci",
            "virtio-balloon-pci", "virtio-rng-pci", "i6300esb", "ib700", "pvpanic", "pvpanic-pci",
            "vhost-user-fs-pci", "virtio-9p-pci",
            "ich9-intel-hda", "intel-hda", "AC97", "usb-audio", "hda-duplex");

    private TestHost() {}

    static HostCapabilities caps() {
        return caps(EMULATOR, HostCapabilities.KvmSupport.yes());
    }

    static HostCapabilities caps(String emulator, HostCapabilities.KvmSupport kvm) {
        return new HostCapabilities(emulator, "7.2.0",
                Set.of("pc", "q35", "pc-i440fx-7.2", "pc-q35-7.2", "pc-i440fx-7.1", "pc-q35-7.1"),
                Map.of("pc", "pc-i440fx-7.2", "q35", "pc-q35-7.2"),
                DEVICE_TYPES, kvm);
    }

    /** The runtime dir the driver would give this domain. */
    static GuestPaths paths(Domain def) {
        return new GuestPaths(Path.of("/run/jvirt/qemu", def.name()));
    }

    static Domain parse(Path xml) {
        try {
            return DomainXml.parse(Files.readString(xml, StandardCharsets.UTF_8), xml.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Launch options from a {@code NAME.opts} file: lines {@code daemonize=false},
     * {@code net0=tap:IFNAME}, {@code net0=fd:N} or {@code net0=fd:N:VHOSTFD}.
     */
    static LaunchOptions options(Path opts) {
        LaunchOptions o = LaunchOptions.defaults();
        if (!Files.exists(opts)) {
            return o;
        }
        try {
            for (String line : Files.readAllLines(opts, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String key = line.substring(0, line.indexOf('='));
                String value = line.substring(line.indexOf('=') + 1);
                if (key.equals("daemonize")) {
                    o = o.withDaemonize(Boolean.parseBoolean(value));
                } else if (value.startsWith("tap:")) {
                    o = o.withNetBackend(key, new NetBackend.TapName(value.substring(4)));
                } else if (value.startsWith("fd:")) {
                    String[] p = value.substring(3).split(":");
                    o = o.withNetBackend(key, new NetBackend.TapFd(Integer.parseInt(p[0]),
                            p.length > 1 ? Integer.valueOf(p[1]) : null));
                } else {
                    throw new IllegalArgumentException(opts + ": cannot read '" + line + "'");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return o;
    }
}
