package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.xml.XmlOutput;
import java.util.function.Function;

/** Writes {@code <devices>} in libvirt's order; disks and char devices have their own writers. */
final class DeviceWriter {
    private DeviceWriter() {}

    /** {@code aliases}: a running guest's device aliases (live XML), or null for a definition. */
    static void devices(XmlOutput w, Devices d, Function<Object, String> aliases) {
        w.start("devices");
        w.textElement("emulator", d.emulator());
        for (Disk disk : d.disks()) {
            DiskWriter.disk(w, disk, aliases);
        }
        for (Controller c : d.controllers()) {
            controller(w, c, aliases);
        }
        for (Filesystem f : d.filesystems()) {
            filesystem(w, f, aliases);
        }
        for (NetInterface i : d.interfaces()) {
            netInterface(w, i, aliases);
        }
        for (CharDevice c : d.serials()) {
            DiskWriter.charDevice(w, "serial", c, aliases);
        }
        for (CharDevice c : d.consoles()) {
            DiskWriter.charDevice(w, "console", c, aliases);
        }
        for (CharDevice c : d.channels()) {
            DiskWriter.charDevice(w, "channel", c, aliases);
        }
        for (Input i : d.inputs()) {
            w.start("input").attr("type", i.type()).attr("bus", i.bus());
            alias(w, aliases, i);
            AddressCodec.write(w, i.address());
            w.end();
        }
        for (Tpm t : d.tpms()) {
            TpmCodec.write(w, t);
        }
        for (Graphics g : d.graphics()) {
            graphics(w, g);
        }
        for (Sound s : d.sounds()) {
            w.start("sound").attr("model", s.model());
            alias(w, aliases, s);
            AddressCodec.write(w, s.address());
            w.end();
        }
        for (Audio a : d.audios()) {
            w.start("audio").attr("id", a.id()).attr("type", a.type()).end();
        }
        for (Video v : d.videos()) {
            video(w, v, aliases);
        }
        for (Redirdev r : d.redirdevs()) {
            TpmCodec.write(w, r);
        }
        for (Watchdog wd : d.watchdogs()) {
            w.start("watchdog").attr("model", wd.model()).attr("action", wd.action());
            alias(w, aliases, wd);
            AddressCodec.write(w, wd.address());
            w.end();
        }
        Memballoon m = d.memballoon();
        if (m != null) {
            w.start("memballoon").attr("model", m.model()).onOff("autodeflate", m.autodeflate())
                    .onOff("freePageReporting", m.freePageReporting());
            if (m.statsPeriod() != null) {
                w.start("stats").attr("period", m.statsPeriod()).end();
            }
            alias(w, aliases, m);
            AddressCodec.write(w, m.address());
            w.end();
        }
        for (Rng r : d.rngs()) {
            rng(w, r, aliases);
        }
        for (Panic p : d.panics()) {
            w.start("panic").attr("model", p.model());
            alias(w, aliases, p);
            AddressCodec.write(w, p.address());
            w.end();
        }
        for (dev.jvirt.domainxml.VerbatimElement e : d.extensions()) {
            w.element(e);
        }
        w.end();
    }

    /** libvirt's {@code <alias name='…'/>} of a running guest's device, written before its address. */
    static void alias(XmlOutput w, Function<Object, String> aliases, Object device) {
        String name = aliases == null ? null : aliases.apply(device);
        if (name != null) {
            w.start("alias").attr("name", name).end();
        }
    }

    private static void controller(XmlOutput w, Controller c, Function<Object, String> aliases) {
        w.start("controller").attr("type", c.type()).attr("index", c.index()).attr("model", c.model())
                .attr("ports", c.ports()).attr("vectors", c.vectors());
        if (c.masterStartport() != null) {
            w.start("master").attr("startport", c.masterStartport()).end();
        }
        if (c.modelName() != null) {
            w.start("model").attr("name", c.modelName()).end();
        }
        if (c.targetChassis() != null || c.targetPort() != null || c.targetBusNr() != null) {
            w.start("target").attr("chassis", c.targetChassis())
                    .attr("port", c.targetPort() == null ? null : AddressCodec.hex(c.targetPort(), 1))
                    .attr("busNr", c.targetBusNr()).end();
        }
        if (c.driverQueues() != null || c.driverIothread() != null) {
            w.start("driver").attr("queues", c.driverQueues()).attr("iothread", c.driverIothread()).end();
        }
        alias(w, aliases, c);
        AddressCodec.write(w, c.address());
        w.end();
    }

    private static void filesystem(XmlOutput w, Filesystem f, Function<Object, String> aliases) {
        w.start("filesystem").attr("type", f.type()).attr("accessmode", f.accessmode());
        if (f.driverType() != null || f.driverQueue() != null) {
            w.start("driver").attr("type", f.driverType()).attr("queue", f.driverQueue()).end();
        }
        if (f.sourceDir() != null) {
            w.start("source").attr("dir", f.sourceDir()).end();
        }
        if (f.targetDir() != null) {
            w.start("target").attr("dir", f.targetDir()).end();
        }
        w.flag("readonly", f.readonly());
        alias(w, aliases, f);
        AddressCodec.write(w, f.address());
        w.end();
    }

    private static void netInterface(XmlOutput w, NetInterface i, Function<Object, String> aliases) {
        w.start("interface").attr("type", i.type());
        if (i.mac() != null) {
            w.start("mac").attr("address", i.mac()).end();
        }
        if (i.sourceNetwork() != null || i.sourceBridge() != null || i.sourceDev() != null
                || i.sourceMode() != null || i.sourcePortgroup() != null) {
            w.start("source").attr("network", i.sourceNetwork()).attr("portgroup", i.sourcePortgroup())
                    .attr("bridge", i.sourceBridge()).attr("dev", i.sourceDev()).attr("mode", i.sourceMode()).end();
        }
        for (NetInterface.PortForward pf : i.portForwards()) { // libvirt writes them after <source>, <ip>
            w.start("portForward").attr("proto", pf.proto()).attr("address", pf.address()).attr("dev", pf.dev());
            for (NetInterface.Range r : pf.ranges()) {
                w.start("range").attr("start", r.start()).attr("end", r.end()).attr("to", r.to())
                        .yesNo("exclude", r.exclude()).end();
            }
            w.end();
        }
        if (i.targetDev() != null || i.targetManaged() != null) {
            w.start("target").attr("dev", i.targetDev()).yesNo("managed", i.targetManaged()).end();
        }
        if (i.model() != null) {
            w.start("model").attr("type", i.model()).end();
        }
        if (i.driverName() != null || i.driverQueues() != null) {
            w.start("driver").attr("name", i.driverName()).attr("queues", i.driverQueues()).end();
        }
        if (i.backend() != null) {
            w.start("backend").attr("type", i.backend().type()).attr("logFile", i.backend().logFile()).end();
        }
        if (i.linkState() != null) {
            w.start("link").attr("state", i.linkState()).end();
        }
        if (i.mtu() != null) {
            w.start("mtu").attr("size", i.mtu()).end();
        }
        if (i.bootOrder() != null) {
            w.start("boot").attr("order", i.bootOrder()).end();
        }
        alias(w, aliases, i);
        AddressCodec.write(w, i.address());
        w.end();
    }

    private static void graphics(XmlOutput w, Graphics g) {
        w.start("graphics").attr("type", g.type()).attr("port", g.port()).attr("tlsPort", g.tlsPort())
                .yesNo("autoport", g.autoport()).attr("listen", g.listen()).attr("keymap", g.keymap())
                .attr("defaultMode", g.defaultMode()).attr("passwd", g.passwd());
        for (Graphics.Listen l : g.listens()) {
            w.start("listen").attr("type", l.type()).attr("address", l.address()).attr("network", l.network())
                    .attr("socket", l.socket()).end();
        }
        if (g.imageCompression() != null) {
            w.start("image").attr("compression", g.imageCompression()).end();
        }
        for (Graphics.Channel c : g.channels()) {
            w.start("channel").attr("name", c.name()).attr("mode", c.mode()).end();
        }
        String rendernode = null;
        for (Graphics.Setting x : g.extras()) {
            if ("gl".equals(x.element())) {
                rendernode = x.value();
            } else {
                w.start(x.element()).attr(x.attribute(), x.value()).end();
            }
        }
        if (g.glEnable() != null || rendernode != null) {
            w.start("gl").yesNo("enable", g.glEnable()).attr("rendernode", rendernode).end();
        }
        w.end();
    }

    private static void video(XmlOutput w, Video v, Function<Object, String> aliases) {
        w.start("video");
        if (v.model() != null || v.ram() != null || v.vram() != null || v.vgamem() != null || v.heads() != null
                || v.primary() != null || v.accel3d() != null) {
            w.start("model").attr("type", v.model()).attr("ram", v.ram()).attr("vram", v.vram())
                    .attr("vgamem", v.vgamem()).attr("heads", v.heads()).yesNo("primary", v.primary());
            if (v.accel3d() != null) {
                w.start("acceleration").yesNo("accel3d", v.accel3d()).end();
            }
            w.end();
        }
        alias(w, aliases, v);
        AddressCodec.write(w, v.address());
        w.end();
    }

    private static void rng(XmlOutput w, Rng r, Function<Object, String> aliases) {
        w.start("rng").attr("model", r.model());
        if (r.rateBytes() != null || r.ratePeriod() != null) {
            w.start("rate").attr("bytes", r.rateBytes()).attr("period", r.ratePeriod()).end();
        }
        if (r.backendModel() != null || r.backendPath() != null) {
            w.start("backend").attr("model", r.backendModel());
            if (r.backendPath() == null) {
                w.end();
            } else {
                w.endWithText(r.backendPath());
            }
        }
        alias(w, aliases, r);
        AddressCodec.write(w, r.address());
        w.end();
    }
}
