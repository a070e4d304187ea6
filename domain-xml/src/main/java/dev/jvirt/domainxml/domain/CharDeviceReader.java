package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.xml.Node;

/** Binds {@code <serial>}, {@code <console>} and {@code <channel>}. */
final class CharDeviceReader {
    private CharDeviceReader() {}

    static CharDevice read(Node n) {
        String type = n.attr("type");
        n.attr("tty"); // live XML only: the pty path of a running guest
        Node s = n.child("source");
        CharDevice.Source source = s == null ? null
                : new CharDevice.Source(s.attr("mode"), s.attr("path"), s.attr("host"), s.attr("service"), s.onOff("append"));
        Node p = n.child("protocol");
        Node log = n.child("log");
        Node t = n.child("target");
        CharDevice.Target target = null;
        if (t != null) {
            String tt = t.attr("type");
            Integer port = t.intAttr("port");
            String name = t.attr("name");
            t.attr("state"); // live XML only: guest agent connection state
            Node model = t.child("model");
            target = new CharDevice.Target(tt, port, name, model == null ? null : model.attr("name"));
        }
        return new CharDevice(type, source,
                p == null ? null : p.attr("type"),
                log == null ? null : log.attr("file"),
                log == null ? null : log.onOff("append"),
                target,
                AddressCodec.read(n.child("address")));
    }
}
