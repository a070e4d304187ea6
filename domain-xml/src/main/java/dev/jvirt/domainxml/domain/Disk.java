package dev.jvirt.domainxml.domain;

import java.util.List;

/**
 * {@code <disk>}: a block device for the guest.
 *
 * @param type source kind: {@code file}, {@code block} or {@code volume}
 * @param device {@code disk}, {@code cdrom}, {@code floppy} or {@code lun}; null means disk
 * @param driver {@code <driver>}, or null
 * @param source {@code <source>}, or null (an empty CD-ROM drive)
 * @param backingStore {@code <backingStore>} chain, or null
 * @param target {@code <target>}; validation requires it
 * @param readonly {@code <readonly/>}
 * @param shareable {@code <shareable/>}
 * @param serial {@code <serial>}, or null
 * @param bootOrder {@code <boot order>}, or null
 * @param address {@code <address>}, or null
 * @param io {@code <iotune>}, {@code <blockio>} and {@code <wwn>}, or null when none is given
 */
public record Disk(
        String type,
        String device,
        Driver driver,
        Source source,
        BackingStore backingStore,
        Target target,
        boolean readonly,
        boolean shareable,
        String serial,
        Integer bootOrder,
        Address address,
        Io io) {

    /** A disk without I/O limits, block sizes or WWN (the form before they were modelled, kept for callers). */
    public Disk(String type, String device, Driver driver, Source source, BackingStore backingStore, Target target,
            boolean readonly, boolean shareable, String serial, Integer bootOrder, Address address) {
        this(type, device, driver, source, backingStore, target, readonly, shareable, serial, bootOrder, address, null);
    }

    /** A copy with another medium (change-media): a file, or null for an empty drive. */
    public Disk withMedium(String file) {
        Source s = file == null ? null : new Source(file, null, null, null, null, null, null, null, null);
        return new Disk(file == null ? type : "file", device, driver, s, null, target, readonly, shareable, serial,
                bootOrder, address, io);
    }

    /** The device kind, {@code disk} when not given. */
    public String deviceOrDefault() {
        return device == null ? "disk" : device;
    }

    /** True for CD-ROM drives. */
    public boolean isCdrom() {
        return "cdrom".equals(device);
    }

    /** A copy with another target. */
    public Disk withTarget(Target t) {
        return new Disk(type, device, driver, source, backingStore, t, readonly, shareable, serial, bootOrder, address, io);
    }

    /** A copy with another address. */
    public Disk withAddress(Address a) {
        return new Disk(type, device, driver, source, backingStore, target, readonly, shareable, serial, bootOrder, a, io);
    }

    /**
     * {@code <driver name='qemu' type='qcow2' cache='none' io='native' discard='unmap'/>}; also
     * {@code iothread}, {@code queues} and {@code error_policy}. Null parts were not given.
     */
    public record Driver(String name, String type, String cache, String io, String discard, String detectZeroes,
            Integer iothread, Integer queues, String errorPolicy) {}

    /**
     * {@code <source>}: exactly one of file, dev or pool+volume for the disk's type.
     *
     * @param file for type file
     * @param dev for type block
     * @param pool for type volume
     * @param volume for type volume
     * @param mode for type volume ({@code host|direct}), or null
     * @param startupPolicy {@code mandatory|requisite|optional}, or null
     * @param protocol for type network: {@code nbd}, {@code iscsi}, {@code rbd}, {@code http}, {@code https}, {@code gluster}, ...
     * @param name for type network: the export, target/LUN, pool/image, path or volume/path
     * @param hosts for type network: the servers, in order
     */
    public record Source(String file, String dev, String pool, String volume, String mode, String startupPolicy,
            String protocol, String name, List<Host> hosts) {
        /** Normalises the host list. */
        public Source {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }

        /** A file, block or volume source. */
        public Source(String file, String dev, String pool, String volume, String mode, String startupPolicy) {
            this(file, dev, pool, volume, mode, startupPolicy, null, null, List.of());
        }

        /** The host path of a file or block source, or null. */
        public String path() {
            return file != null ? file : dev;
        }
    }

    /** {@code <host name port transport socket/>} of a network source. */
    public record Host(String name, String port, String transport, String socket) {}

    /**
     * A disk's I/O settings: {@code <iotune>} limits, {@code <blockio>} block sizes and its {@code <wwn>}.
     *
     * @param iotune the limits, or null
     * @param logicalBlockSize {@code <blockio logical_block_size>}, or null
     * @param physicalBlockSize {@code <blockio physical_block_size>}, or null
     * @param wwn {@code <wwn>} (16 hex digits), or null
     */
    public record Io(Iotune iotune, Integer logicalBlockSize, Integer physicalBlockSize, String wwn) {}

    /**
     * {@code <iotune>}: per-second limits (bytes or operations, total or by direction), their
     * bursts ({@code *_max}) and the throttle group; null parts were not given.
     */
    public record Iotune(Long totalBytesSec, Long readBytesSec, Long writeBytesSec, Long totalIopsSec, Long readIopsSec,
            Long writeIopsSec, Long totalBytesSecMax, Long readBytesSecMax, Long writeBytesSecMax, Long totalIopsSecMax,
            Long readIopsSecMax, Long writeIopsSecMax, Long sizeIopsSec, String groupName) {
        /** Element names in libvirt's order, matching the components. */
        static final java.util.List<String> NAMES = java.util.List.of("total_bytes_sec", "read_bytes_sec",
                "write_bytes_sec", "total_iops_sec", "read_iops_sec", "write_iops_sec", "total_bytes_sec_max",
                "read_bytes_sec_max", "write_bytes_sec_max", "total_iops_sec_max", "read_iops_sec_max", "write_iops_sec_max",
                "size_iops_sec");

        /** The numeric limits in {@link #NAMES} order. */
        java.util.List<Long> values() {
            return java.util.Arrays.asList(totalBytesSec, readBytesSec, writeBytesSec, totalIopsSec, readIopsSec,
                    writeIopsSec, totalBytesSecMax, readBytesSecMax, writeBytesSecMax, totalIopsSecMax, readIopsSecMax,
                    writeIopsSecMax, sizeIopsSec);
        }

        /** Builds one from values in {@link #NAMES} order. */
        static Iotune of(java.util.List<Long> v, String group) {
            return new Iotune(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7), v.get(8),
                    v.get(9), v.get(10), v.get(11), v.get(12), group);
        }
    }

    /** {@code <target dev='vda' bus='virtio' tray='open' removable='on'/>}. */
    public record Target(String dev, String bus, String tray, Boolean removable) {}

    /**
     * {@code <backingStore type='file'><format type='qcow2'/><source file/><backingStore/>}.
     *
     * @param type file or block
     * @param format image format, or null
     * @param source path of the backing image, or null
     * @param next the next element of the chain, or null
     */
    public record BackingStore(String type, String format, String source, BackingStore next) {}
}
