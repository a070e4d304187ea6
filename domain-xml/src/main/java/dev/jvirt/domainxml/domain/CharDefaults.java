package dev.jvirt.domainxml.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Serial, console and channel defaults as libvirt applies them: serial targets
 * ({@code isa-serial}, numbered ports), a console of type serial backed by serial 0 (adding that
 * serial when missing), and virtio-serial addresses for virtio channels.
 */
final class CharDefaults {
    private CharDefaults() {}

    static void fill(Devices.Builder b) {
        List<CharDevice> serials = new ArrayList<>(b.serials.size());
        int port = 0;
        for (CharDevice s : b.serials) {
            CharDevice.Target t = s.target();
            if (t == null || t.type() == null || t.port() == null || t.modelName() == null && "isa-serial".equals(t.type())) {
                String type = t == null || t.type() == null ? "isa-serial" : t.type();
                Integer p = t == null || t.port() == null ? Integer.valueOf(port) : t.port();
                String model = t == null || t.modelName() == null ? ("isa-serial".equals(type) ? "isa-serial" : null) : t.modelName();
                s = new CharDevice(s.type(), s.source(), s.protocol(), s.logFile(), s.logAppend(),
                        new CharDevice.Target(type, p, t == null ? null : t.name(), model), s.address());
            }
            port = Math.max(port, s.target().port() == null ? port : s.target().port() + 1);
            serials.add(s);
        }
        List<CharDevice> consoles = new ArrayList<>(b.consoles.size());
        for (int i = 0; i < b.consoles.size(); i++) {
            CharDevice c = b.consoles.get(i);
            CharDevice.Target t = c.target();
            boolean serialConsole = i == 0 && (t == null || t.type() == null || "serial".equals(t.type()));
            if (serialConsole) {
                if (serials.isEmpty()) {
                    serials.add(new CharDevice(c.type(), c.source(), c.protocol(), c.logFile(), c.logAppend(),
                            new CharDevice.Target("isa-serial", 0, null, "isa-serial"), null));
                }
                if (t == null || t.type() == null || t.port() == null) {
                    c = new CharDevice(c.type(), c.source(), c.protocol(), c.logFile(), c.logAppend(),
                            new CharDevice.Target("serial", t == null || t.port() == null ? 0 : t.port(), null, null), c.address());
                }
            }
            consoles.add(c);
        }
        b.serials = serials;
        b.consoles = consoles;
        List<CharDevice> channels = new ArrayList<>(b.channels.size());
        int next = 1;
        for (CharDevice c : b.channels) {
            if (c.address() instanceof Address.VirtioSerial v && v.port() != null) {
                next = Math.max(next, v.port() + 1);
            }
        }
        for (CharDevice c : b.channels) {
            if (c.address() == null && c.target() != null && "virtio".equals(c.target().type())) {
                c = c.withAddress(new Address.VirtioSerial(0, 0, next++));
            }
            channels.add(c);
        }
        b.channels = channels;
    }
}
