package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.xml.Node;
import dev.jvirt.domainxml.xml.XmlOutput;

/** Reads and writes {@code <tpm>} and {@code <redirdev>}: devices backed by something outside QEMU. */
final class TpmCodec {
    private TpmCodec() {}

    static Tpm tpm(Node n) {
        String model = n.attr("model");
        Node be = n.child("backend");
        String type = null;
        String version = null;
        Boolean persistent = null;
        String path = null;
        if (be != null) {
            type = be.attr("type");
            version = be.attr("version");
            persistent = be.yesNo("persistent_state");
            Node dev = be.child("device");
            path = dev == null ? null : dev.attr("path");
        }
        return new Tpm(model, type, version, persistent, path, AddressCodec.read(n.child("address")));
    }

    static void write(XmlOutput w, Tpm t) {
        w.start("tpm").attr("model", t.model());
        if (t.backendType() != null || t.backendVersion() != null || t.persistentState() != null || t.devicePath() != null) {
            w.start("backend").attr("type", t.backendType()).attr("version", t.backendVersion())
                    .yesNo("persistent_state", t.persistentState());
            if (t.devicePath() != null) {
                w.start("device").attr("path", t.devicePath()).end();
            }
            w.end();
        }
        AddressCodec.write(w, t.address());
        w.end();
    }

    static Redirdev redirdev(Node n) {
        String bus = n.attr("bus");
        String type = n.attr("type");
        Node s = n.child("source");
        Integer order = DeviceReader.bootOrder(n);
        if (s != null) {
            s.attr("mode");
        }
        Node proto = n.child("protocol");
        if (proto != null) {
            proto.attr("type");
        }
        return new Redirdev(bus, type, s == null ? null : s.attr("host"), s == null ? null : s.attr("service"), order,
                AddressCodec.read(n.child("address")));
    }

    static void write(XmlOutput w, Redirdev r) {
        w.start("redirdev").attr("bus", r.bus()).attr("type", r.type());
        if (r.sourceHost() != null || r.sourceService() != null) {
            w.start("source").attr("mode", "connect").attr("host", r.sourceHost()).attr("service", r.sourceService()).end();
        }
        if (r.bootOrder() != null) {
            w.start("boot").attr("order", r.bootOrder()).end();
        }
        AddressCodec.write(w, r.address());
        w.end();
    }
}
