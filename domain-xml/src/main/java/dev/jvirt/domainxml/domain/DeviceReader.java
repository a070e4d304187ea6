package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.xml.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Binds {@code <devices>} and every device kind except disks ({@link DiskReader}). */
final class DeviceReader {
    private DeviceReader() {}

    static Devices devices(Node n) {
        if (n == null) {
            return Devices.EMPTY;
        }
        List<Memballoon> balloons = all(n, "memballoon", DeviceReader::memballoon);
        if (balloons.size() > 1) {
            throw n.children("memballoon").get(1).error("element <memballoon> may appear only once here");
        }
        return new Devices(
                n.childText("emulator"),
                all(n, "disk", DiskReader::disk),
                all(n, "controller", DeviceReader::controller),
                all(n, "filesystem", DeviceReader::filesystem),
                all(n, "interface", DeviceReader::netInterface),
                all(n, "serial", CharDeviceReader::read),
                all(n, "console", CharDeviceReader::read),
                all(n, "channel", CharDeviceReader::read),
                all(n, "input", i -> new Input(i.attr("type"), i.attr("bus"), AddressCodec.read(i.child("address")))),
                all(n, "graphics", DeviceReader::graphics),
                all(n, "sound", s -> new Sound(s.attr("model"), AddressCodec.read(s.child("address")))),
                all(n, "audio", a -> new Audio(a.intAttr("id"), a.attr("type"))),
                all(n, "video", DeviceReader::video),
                all(n, "watchdog", w -> new Watchdog(w.attr("model"), w.attr("action"), AddressCodec.read(w.child("address")))),
                balloons.isEmpty() ? null : balloons.get(0),
                all(n, "rng", DeviceReader::rng),
                all(n, "panic", p -> new Panic(p.attr("model"), AddressCodec.read(p.child("address")))),
                all(n, "tpm", TpmCodec::tpm),
                all(n, "redirdev", TpmCodec::redirdev),
                Extensions.read(n, Extensions.DEVICES));
    }

    private static <T> List<T> all(Node n, String name, Function<Node, T> f) {
        List<Node> nodes = n.children(name);
        if (nodes.isEmpty()) {
            return List.of();
        }
        List<T> out = new ArrayList<>(nodes.size());
        for (Node c : nodes) {
            Node alias = c.child("alias");
            if (alias != null) {
                // live XML names every device; the name is runtime state (libvirt drops it on define too)
                alias.requiredAttr("name");
            }
            out.add(f.apply(c));
        }
        return out;
    }

    /** A device's {@code <boot order>}, or null; {@code <boot>} without an order is an error. */
    static Integer bootOrder(Node n) {
        Node boot = n.child("boot");
        Integer order = boot == null ? null : boot.intAttr("order");
        if (boot != null && order == null) {
            throw boot.error("missing attribute 'order'");
        }
        return order;
    }

    private static Controller controller(Node n) {
        String type = n.attr("type");
        Integer index = n.intAttr("index");
        String model = n.attr("model");
        Integer ports = n.intAttr("ports");
        Integer vectors = n.intAttr("vectors");
        Node drv = n.child("driver");
        Integer queues = drv == null ? null : drv.intAttr("queues");
        Integer iothread = drv == null ? null : drv.intAttr("iothread");
        Node mn = n.child("model");
        Node t = n.child("target");
        Node master = n.child("master");
        return new Controller(type, index, model, ports, vectors, queues, iothread,
                mn == null ? null : mn.attr("name"),
                t == null ? null : t.intAttr("chassis"),
                t == null ? null : t.intAttr("port"),
                t == null ? null : t.intAttr("busNr"),
                master == null ? null : master.intAttr("startport"),
                AddressCodec.read(n.child("address")));
    }

    private static Filesystem filesystem(Node n) {
        String type = n.attr("type");
        String access = n.attr("accessmode");
        Node drv = n.child("driver");
        String dtype = drv == null ? null : drv.attr("type");
        Integer queue = drv == null ? null : drv.intAttr("queue");
        Node s = n.child("source");
        Node t = n.child("target");
        return new Filesystem(type, access, dtype, queue,
                s == null ? null : s.attr("dir"),
                t == null ? null : t.attr("dir"),
                n.flag("readonly"),
                AddressCodec.read(n.child("address")));
    }

    private static NetInterface netInterface(Node n) {
        String type = n.attr("type");
        Node mac = n.child("mac");
        Node s = n.child("source");
        String bridge = s == null ? null : s.attr("bridge");
        if (s != null && "network".equals(type)) {
            // live XML of a NIC on a network names its port and the bridge it was put on: runtime, as in libvirt
            s.attr("portid");
            bridge = null;
        }
        Node model = n.child("model");
        Node drv = n.child("driver");
        Node target = n.child("target");
        Node mtu = n.child("mtu");
        Node link = n.child("link");
        Integer order = DeviceReader.bootOrder(n);
        Node be = n.child("backend");
        NetInterface.Backend backend = be == null ? null : new NetInterface.Backend(be.attr("type"), be.attr("logFile"));
        List<NetInterface.PortForward> forwards = new ArrayList<>();
        for (Node pf : n.children("portForward")) {
            List<NetInterface.Range> ranges = new ArrayList<>();
            for (Node r : pf.children("range")) {
                ranges.add(new NetInterface.Range(r.intAttr("start"), r.intAttr("end"), r.intAttr("to"), r.yesNo("exclude")));
            }
            forwards.add(new NetInterface.PortForward(pf.attr("proto"), pf.attr("address"), pf.attr("dev"), ranges));
        }
        return new NetInterface(type,
                mac == null ? null : mac.attr("address"),
                s == null ? null : s.attr("network"),
                bridge,
                s == null ? null : s.attr("dev"),
                s == null ? null : s.attr("mode"),
                s == null ? null : s.attr("portgroup"),
                model == null ? null : model.attr("type"),
                drv == null ? null : drv.attr("name"),
                drv == null ? null : drv.intAttr("queues"),
                target == null ? null : target.attr("dev"),
                mtu == null ? null : mtu.intAttr("size"),
                link == null ? null : link.attr("state"),
                order,
                AddressCodec.read(n.child("address")),
                target == null ? null : target.yesNo("managed"),
                backend,
                forwards);
    }

    private static Graphics graphics(Node n) {
        String type = n.attr("type");
        Integer port = n.intAttr("port");
        Boolean autoport = n.yesNo("autoport");
        String listen = n.attr("listen");
        String passwd = n.attr("passwd");
        String keymap = n.attr("keymap");
        List<Graphics.Listen> listens = new ArrayList<>();
        for (Node l : n.children("listen")) {
            listens.add(new Graphics.Listen(l.attr("type"), l.attr("address"), l.attr("network"), l.attr("socket")));
        }
        Node img = n.child("image");
        Node gl = n.child("gl");
        Integer tlsPort = n.intAttr("tlsPort");
        String defaultMode = n.attr("defaultMode");
        List<Graphics.Channel> channels = new ArrayList<>();
        for (Node c : n.children("channel")) {
            channels.add(new Graphics.Channel(c.attr("name"), c.attr("mode")));
        }
        List<Graphics.Setting> extras = new ArrayList<>();
        for (String[] s : GRAPHICS_SETTINGS) {
            Node c = n.child(s[0]);
            if (c != null) {
                extras.add(new Graphics.Setting(s[0], s[1], c.attr(s[1])));
            }
        }
        String rendernode = gl == null ? null : gl.attr("rendernode");
        if (rendernode != null) {
            extras.add(new Graphics.Setting("gl", "rendernode", rendernode));
        }
        return new Graphics(type, port, autoport, listen, passwd, keymap, listens,
                img == null ? null : img.attr("compression"), gl == null ? null : gl.yesNo("enable"), tlsPort, defaultMode,
                channels, extras);
    }

    /** spice's one-attribute settings, element and attribute, in libvirt's order. */
    static final String[][] GRAPHICS_SETTINGS = {
        {"jpeg", "compression"}, {"zlib", "compression"}, {"playback", "compression"}, {"streaming", "mode"},
        {"clipboard", "copypaste"}, {"mouse", "mode"}, {"filetransfer", "enable"}};

    private static Video video(Node n) {
        Node m = n.child("model");
        Address address = AddressCodec.read(n.child("address"));
        if (m == null) {
            return new Video(null, null, null, null, null, null, null, address);
        }
        String type = m.attr("type");
        Integer ram = m.intAttr("ram");
        Integer vram = m.intAttr("vram");
        Integer vgamem = m.intAttr("vgamem");
        Integer heads = m.intAttr("heads");
        Boolean primary = m.yesNo("primary");
        Node acc = m.child("acceleration");
        return new Video(type, ram, vram, vgamem, heads, primary, acc == null ? null : acc.yesNo("accel3d"), address);
    }

    private static Memballoon memballoon(Node n) {
        String model = n.attr("model");
        Boolean autodeflate = n.onOff("autodeflate");
        Boolean fpr = n.onOff("freePageReporting");
        Node stats = n.child("stats");
        return new Memballoon(model, autodeflate, fpr, stats == null ? null : stats.intAttr("period"),
                AddressCodec.read(n.child("address")));
    }

    private static Rng rng(Node n) {
        String model = n.attr("model");
        Node rate = n.child("rate");
        Node be = n.child("backend");
        String bm = null;
        String path = null;
        if (be != null) {
            bm = be.attr("model");
            String t = be.text();
            path = t.isEmpty() ? null : t;
        }
        return new Rng(model, rate == null ? null : rate.intAttr("bytes"), rate == null ? null : rate.intAttr("period"),
                bm, path, AddressCodec.read(n.child("address")));
    }
}
