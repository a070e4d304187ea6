package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.xml.XmlOutput;
import java.util.function.Function;

/** Writes {@code <disk>} and the character devices (serial, console, channel). */
final class DiskWriter {
    private DiskWriter() {}

    static void disk(XmlOutput w, Disk d, Function<Object, String> aliases) {
        w.start("disk").attr("type", d.type()).attr("device", d.device());
        Disk.Driver dr = d.driver();
        if (dr != null) {
            w.start("driver").attr("name", dr.name()).attr("type", dr.type()).attr("cache", dr.cache())
                    .attr("error_policy", dr.errorPolicy()).attr("io", dr.io()).attr("discard", dr.discard())
                    .attr("iothread", dr.iothread()).attr("detect_zeroes", dr.detectZeroes()).attr("queues", dr.queues()).end();
        }
        Disk.Source s = d.source();
        if (s != null) {
            w.start("source").attr("protocol", s.protocol()).attr("name", s.name()).attr("file", s.file()).attr("dev", s.dev())
                    .attr("pool", s.pool()).attr("volume", s.volume()).attr("mode", s.mode()).attr("startupPolicy", s.startupPolicy());
            for (Disk.Host h : s.hosts()) {
                w.start("host").attr("name", h.name()).attr("port", h.port()).attr("transport", h.transport())
                        .attr("socket", h.socket()).end();
            }
            w.end();
        }
        backingStore(w, d.backingStore());
        Disk.Io io = d.io();
        if (io != null && (io.logicalBlockSize() != null || io.physicalBlockSize() != null)) {
            w.start("blockio").attr("logical_block_size", io.logicalBlockSize())
                    .attr("physical_block_size", io.physicalBlockSize()).end();
        }
        Disk.Target t = d.target();
        if (t != null) {
            w.start("target").attr("dev", t.dev()).attr("bus", t.bus()).attr("tray", t.tray())
                    .onOff("removable", t.removable()).end();
        }
        if (io != null && io.iotune() != null) {
            w.start("iotune");
            java.util.List<Long> v = io.iotune().values();
            for (int i = 0; i < v.size(); i++) {
                if (v.get(i) != null) {
                    w.textElement(Disk.Iotune.NAMES.get(i), v.get(i).toString());
                }
            }
            w.textElement("group_name", io.iotune().groupName());
            w.end();
        }
        w.flag("readonly", d.readonly());
        w.flag("shareable", d.shareable());
        w.textElement("serial", d.serial());
        if (io != null) {
            w.textElement("wwn", io.wwn());
        }
        if (d.bootOrder() != null) {
            w.start("boot").attr("order", d.bootOrder()).end();
        }
        DeviceWriter.alias(w, aliases, d);
        AddressCodec.write(w, d.address());
        w.end();
    }

    private static void backingStore(XmlOutput w, Disk.BackingStore b) {
        if (b == null) {
            return;
        }
        w.start("backingStore").attr("type", b.type());
        if (b.format() != null) {
            w.start("format").attr("type", b.format()).end();
        }
        if (b.source() != null) {
            w.start("source").attr("block".equals(b.type()) ? "dev" : "file", b.source()).end();
        }
        backingStore(w, b.next());
        w.end();
    }

    static void charDevice(XmlOutput w, String element, CharDevice c, Function<Object, String> aliases) {
        w.start(element).attr("type", c.type());
        CharDevice.Source s = c.source();
        if (s != null) {
            w.start("source").attr("mode", s.mode()).attr("path", s.path()).attr("host", s.host())
                    .attr("service", s.service()).onOff("append", s.append()).end();
        }
        if (c.protocol() != null) {
            w.start("protocol").attr("type", c.protocol()).end();
        }
        if (c.logFile() != null || c.logAppend() != null) {
            w.start("log").attr("file", c.logFile()).onOff("append", c.logAppend()).end();
        }
        CharDevice.Target t = c.target();
        if (t != null) {
            w.start("target").attr("type", t.type()).attr("port", t.port()).attr("name", t.name());
            if (t.modelName() != null) {
                w.start("model").attr("name", t.modelName()).end();
            }
            w.end();
        }
        DeviceWriter.alias(w, aliases, c);
        AddressCodec.write(w, c.address());
        w.end();
    }
}
