package dev.jvirt.vmmcore.daemon.routes;

import dev.jvirt.vmmcore.HostCapabilities;
import dev.jvirt.vmmcore.HostFirmware;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * libvirt's {@code <domainCapabilities>} for what jvirt can run (virt-install and virt-manager
 * choose firmware, CPU mode and devices from it): the UEFI loaders QEMU's descriptors offer,
 * the CPU modes jvirt's command line builds, and the device kinds and models it turns into QEMU
 * devices, each model only when the probed QEMU has its device type. Indented as libvirt prints it.
 */
public final class DomainCapabilitiesXml {
    private static final XMLOutputFactory OUT = XMLOutputFactory.newFactory();
    /** libvirt's video model → the QEMU device type it needs. */
    private static final Map<String, String> VIDEO = ordered("vga", "VGA", "cirrus", "cirrus-vga", "qxl", "qxl-vga",
            "virtio", "virtio-vga", "bochs", "bochs-display");
    private static final Map<String, String> TPM = ordered("tpm-tis", "tpm-tis", "tpm-crb", "tpm-crb");
    private final XMLStreamWriter w;
    private int depth;

    private DomainCapabilitiesXml(XMLStreamWriter w) {
        this.w = w;
    }

    /** {@code machine}: the machine asked for (null: {@code pc}), {@code virtType} {@code qemu} or {@code kvm}. */
    public static String write(HostCapabilities c, HostFirmware firmware, String virtType, String machine) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = OUT.createXMLStreamWriter(out);
            new DomainCapabilitiesXml(x).body(c, firmware, virtType, c.resolveMachine(machine == null ? "pc" : machine));
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write domain capabilities XML", e);
        }
        return out + "\n";
    }

    private void body(HostCapabilities c, HostFirmware firmware, String virtType, String machine) throws XMLStreamException {
        open("domainCapabilities");
        text("path", c.emulator());
        text("domain", virtType);
        text("machine", machine);
        text("arch", "x86_64");
        empty("vcpu", "max", "255");
        List<HostFirmware.Loader> loaders = firmware.uefiLoaders(machine);
        open("os", "supported", "yes");
        enumeration("firmware", loaders.isEmpty() ? List.of() : List.of("efi"));
        open("loader", "supported", "yes");
        for (HostFirmware.Loader l : loaders) {
            text("value", l.path());
        }
        enumeration("type", List.of("rom", "pflash"));
        enumeration("readonly", List.of("yes", "no"));
        enumeration("secure", loaders.stream().anyMatch(HostFirmware.Loader::secureBoot) ? List.of("yes", "no") : List.of("no"));
        close();
        close();
        boolean kvm = virtType.equals("kvm") && c.kvm().usable();
        open("cpu");
        empty("mode", "name", "host-passthrough", "supported", kvm ? "yes" : "no");
        empty("mode", "name", "maximum", "supported", "yes");
        empty("mode", "name", "host-model", "supported", "no"); // jvirt runs it as max/host, not a named model libvirt would report
        empty("mode", "name", "custom", "supported", "yes");
        close();
        open("devices");
        List<String> buses = machine.contains("q35") ? List.of("scsi", "virtio", "usb", "sata") // q35 has no IDE
                : List.of("ide", "scsi", "virtio", "usb", "sata");
        device("disk", "diskDevice", List.of("disk", "cdrom"), "bus", buses);
        device("graphics", "type", List.of("vnc", "spice"));
        device("video", "modelType", withDevice(c, VIDEO, "none"));
        empty("hostdev", "supported", "no");
        device("rng", "model", List.of("virtio"), "backendModel", List.of("random", "builtin"));
        device("filesystem", "driverType", List.of("path", "virtiofs"));
        device("tpm", "model", withDevice(c, TPM, null), "backendModel", List.of("passthrough", "emulator"),
                "backendVersion", List.of("2.0"));
        device("redirdev", "bus", List.of("usb"));
        device("channel", "type", List.of("pty", "unix", "spicevmc"));
        close();
        open("features");
        empty("gic", "supported", "no");
        empty("sev", "supported", "no");
        empty("sgx", "supported", "no");
        close();
        close();
    }

    /** {@code <NAME supported='yes'>} with enums given as name, values, name, values ... */
    private void device(String name, Object... enums) throws XMLStreamException {
        open(name, "supported", "yes");
        for (int i = 0; i < enums.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) enums[i + 1];
            enumeration((String) enums[i], values);
        }
        close();
    }

    private static List<String> withDevice(HostCapabilities c, Map<String, String> models, String always) {
        List<String> out = new ArrayList<>();
        models.forEach((model, device) -> {
            if (c.deviceTypes().isEmpty() || c.deviceTypes().contains(device)) {
                out.add(model);
            }
        });
        if (always != null) {
            out.add(always);
        }
        return out;
    }

    private void enumeration(String name, List<String> values) throws XMLStreamException {
        if (values.isEmpty()) {
            empty("enum", "name", name);
            return;
        }
        open("enum", "name", name);
        for (String v : values) {
            text("value", v);
        }
        close();
    }

    private void indent() throws XMLStreamException {
        if (depth > 0) {
            w.writeCharacters("\n" + "  ".repeat(depth));
        }
    }

    private void open(String name, String... attributes) throws XMLStreamException {
        indent();
        w.writeStartElement(name);
        attributes(attributes);
        depth++;
    }

    private void close() throws XMLStreamException {
        depth--;
        if (depth == 0) {
            w.writeCharacters("\n");
        } else {
            indent();
        }
        w.writeEndElement();
    }

    private void empty(String name, String... attributes) throws XMLStreamException {
        indent();
        w.writeEmptyElement(name);
        attributes(attributes);
    }

    private void text(String name, String value) throws XMLStreamException {
        indent();
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private void attributes(String... kv) throws XMLStreamException {
        for (int i = 0; i < kv.length; i += 2) {
            w.writeAttribute(kv[i], kv[i + 1]);
        }
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
