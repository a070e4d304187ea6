package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Disk;
import java.util.ArrayList;
import java.util.List;

/**
 * The block-node graph of one disk: for the image and each {@code <backingStore>} below it a
 * protocol node ({@code file} or {@code host_device}) and a format node ({@code raw} or
 * {@code qcow2}), deepest first, so each can be {@code blockdev-add}ed in order. Node names come
 * from the disk's device id ({@code virtio-disk0-storage}, {@code virtio-disk0-format},
 * {@code virtio-disk0-b1-format} for the first backing image).
 *
 * <p>Cache modes map as libvirt maps them: none = direct, writeback = cached, writethrough =
 * cached without guest write cache, directsync = direct without it, unsafe = no flushes.
 */
final class DiskNodes {

    private DiskNodes() {}

    /** How a cache mode sets {@code cache.direct}, {@code cache.no-flush} and the device's {@code write-cache}. */
    record Cache(boolean direct, boolean noFlush, boolean writeCache) {
        static Cache of(String mode, String what) {
            if (mode == null || "default".equals(mode)) {
                return null;
            }
            return switch (mode) {
                case "none" -> new Cache(true, false, true);
                case "writeback" -> new Cache(false, false, true);
                case "writethrough" -> new Cache(false, false, false);
                case "directsync" -> new Cache(true, false, false);
                case "unsafe" -> new Cache(false, true, true);
                default -> throw new CommandLineException(what, "cache mode '" + mode
                        + "' is not one of none, writeback, writethrough, directsync, unsafe");
            };
        }

        void putInto(ObjectNode n) {
            ObjectNode c = n.putObject("cache");
            c.put("direct", direct);
            c.put("no-flush", noFlush);
        }
    }

    /** The nodes, deepest backing image first; empty for a CD-ROM drive with no medium. */
    static List<Backend> of(Disk d, String id, String what) {
        boolean network = d.source() != null && d.source().protocol() != null;
        if (d.source() == null || d.source().path() == null && !network) {
            if (d.source() != null && d.source().pool() != null) {
                throw new CommandLineException(what, "a volume source must be resolved to its path by the driver first");
            }
            if (!d.isCdrom()) {
                throw new CommandLineException(what, "has no <source file> or <source dev>");
            }
            return List.of();
        }
        Disk.Driver drv = d.driver();
        if (drv != null && drv.name() != null && !"qemu".equals(drv.name())) {
            throw new CommandLineException(what, "driver name '" + drv.name() + "' is not supported; use qemu");
        }
        Cache cache = Cache.of(drv == null ? null : drv.cache(), what);
        String aio = aio(drv == null ? null : drv.io(), cache, what);
        String protocol = protocol(d.type(), d.isCdrom(), what);
        List<Backend> out = new ArrayList<>();
        int depth = 0;
        for (Disk.BackingStore b = d.backingStore(); b != null && b.source() != null; b = b.next()) {
            depth++;
        }
        // deepest first: level depth .. 1, then the image itself (level 0)
        for (int level = depth; level >= 1; level--) {
            Disk.BackingStore b = d.backingStore();
            for (int i = 1; i < level; i++) {
                b = b.next();
            }
            String bwhat = what + " backing store " + level;
            String bproto = protocol(b.type(), false, bwhat);
            out.add(new Backend.Blockdev(storage(bproto, b.source(), DeviceIds.storageNode(id, level), aio, cache)));
            out.add(new Backend.Blockdev(format(format(b.format(), bwhat), DeviceIds.formatNode(id, level), true,
                    null, null, cache, DeviceIds.storageNode(id, level), level < depth ? DeviceIds.formatNode(id, level + 1) : null)));
        }
        boolean readOnly = d.readonly() || d.isCdrom();
        if ("network".equals(protocol)) {
            ObjectNode n = NetworkDiskNodes.storage(d.source(), DeviceIds.storageNode(id, 0), what);
            if (cache != null) {
                cache.putInto(n);
            }
            n.put("auto-read-only", true);
            n.put("discard", "unmap");
            out.add(new Backend.Blockdev(n));
        } else {
            out.add(new Backend.Blockdev(storage(protocol, d.source().path(), DeviceIds.storageNode(id, 0), aio, cache)));
        }
        out.add(new Backend.Blockdev(format(format(drv == null ? null : drv.type(), what), DeviceIds.formatNode(id, 0),
                readOnly, drv == null ? null : drv.discard(), drv == null ? null : drv.detectZeroes(), cache,
                DeviceIds.storageNode(id, 0), depth > 0 ? DeviceIds.formatNode(id, 1) : null)));
        return out;
    }

    static Cache cache(Disk d) {
        return Cache.of(d.driver() == null ? null : d.driver().cache(), "disk");
    }

    private static String aio(String io, Cache cache, String what) {
        if (io == null || "default".equals(io)) {
            return null;
        }
        return switch (io) {
            case "threads", "io_uring" -> io;
            case "native" -> {
                if (cache == null || !cache.direct()) {
                    throw new CommandLineException(what, "io='native' needs cache='none' or cache='directsync'");
                }
                yield io;
            }
            default -> throw new CommandLineException(what, "io '" + io + "' is not one of threads, native, io_uring");
        };
    }

    private static String protocol(String type, boolean cdrom, String what) {
        String t = type == null ? "file" : type;
        return switch (t) {
            case "file" -> "file";
            case "block" -> cdrom ? "host_cdrom" : "host_device";
            case "network" -> "network";
            default -> throw new CommandLineException(what, "source type '" + t + "' is not supported; use file, block or network");
        };
    }

    private static String format(String format, String what) {
        String f = format == null ? "raw" : format;
        if (!f.equals("raw") && !f.equals("qcow2")) {
            throw new CommandLineException(what, "image format '" + f + "' is not supported; use raw or qcow2");
        }
        return f;
    }

    private static ObjectNode storage(String protocol, String path, String nodeName, String aio, Cache cache) {
        ObjectNode n = Json.object();
        n.put("driver", protocol);
        n.put("filename", path);
        if (aio != null) {
            n.put("aio", aio);
        }
        n.put("node-name", nodeName);
        if (cache != null) {
            cache.putInto(n);
        }
        n.put("auto-read-only", true);
        n.put("discard", "unmap");
        return n;
    }

    private static ObjectNode format(String format, String nodeName, boolean readOnly, String discard,
            String detectZeroes, Cache cache, String file, String backing) {
        ObjectNode n = Json.object();
        n.put("node-name", nodeName);
        n.put("read-only", readOnly);
        if ("unmap".equals(discard)) {
            n.put("discard", "unmap");
        }
        if (detectZeroes != null && !"off".equals(detectZeroes)) {
            n.put("detect-zeroes", detectZeroes);
        }
        if (cache != null) {
            cache.putInto(n);
        }
        n.put("driver", format);
        n.put("file", file);
        if (backing != null) {
            n.put("backing", backing);
        }
        return n;
    }
}
