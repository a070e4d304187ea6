package dev.jvirt.domainxml;

import static dev.jvirt.domainxml.DomainValidatorTest.DISK;
import static dev.jvirt.domainxml.DomainValidatorTest.c;
import static dev.jvirt.domainxml.DomainValidatorTest.dev;
import static dev.jvirt.domainxml.DomainValidatorTest.top;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** One case per device check of the domain validator (run by {@link DomainValidatorTest}). */
final class DeviceValidatorCases {
    private DeviceValidatorCases() {}

    private static final String D = "/domain/devices";

    static String disk(String attrs, String body) {
        return dev("<disk " + attrs + ">" + body + "</disk>");
    }

    static String nic(String type, String body) {
        return dev("<interface type='" + type + "'>" + body + "</interface>");
    }

    static String chr(String el, String type, String body) {
        return dev("<" + el + " type='" + type + "'>" + body + "</" + el + ">");
    }

    static Stream<Arguments> cases() {
        ViolationKind M = ViolationKind.MISSING;
        ViolationKind U = ViolationKind.UNKNOWN_VALUE;
        ViolationKind R = ViolationKind.RANGE;
        ViolationKind I = ViolationKind.INCONSISTENT;
        ViolationKind MODEL = ViolationKind.MODEL;
        ViolationKind BUS = ViolationKind.BUS;
        String src = "<source file='/d.img'/>";
        return Stream.of(
                c(dev("<emulator>qemu</emulator>"), R, D + "/emulator", "must be an absolute path"),
                // disks
                c(disk("", src + "<target dev='vda'/>"), M, D + "/disk", "missing attribute 'type'"),
                c(disk("type='nvme'", "<target dev='vda'/>"), U, D + "/disk", "disk type 'nvme'"),
                c(disk("type='network'", "<source name='x'><host name='h'/></source><target dev='vda'/>"), M, D + "/disk/source",
                        "needs source protocol"),
                c(disk("type='network'", "<source protocol='gopher' name='x'><host name='h'/></source><target dev='vda'/>"), U,
                        D + "/disk/source", "network disk protocol 'gopher'"),
                c(disk("type='file' device='tape'", src + "<target dev='vda'/>"), U, D + "/disk", "disk device 'tape'"),
                c(disk("type='file'", src), M, D + "/disk/target", "missing target dev"),
                c(disk("type='file'", src + "<target dev='disk0'/>"), ViolationKind.NAME, D + "/disk/target", "must look like vda"),
                c(dev(DISK + DISK), ViolationKind.DUPLICATE_TARGET, D + "/disk[2]/target", "target dev 'vda' is already used by disk 1"),
                c(disk("type='file'", src + "<target dev='vda' bus='virtoi'/>"), BUS, D + "/disk/target", "did you mean 'virtio'"),
                c(disk("type='file' device='cdrom'", "<target dev='vdb' bus='virtio'/>"), BUS, D + "/disk/target", "a cdrom cannot use bus 'virtio'"),
                c(disk("type='file' device='cdrom'", "<target dev='sda' tray='ajar'/>"), U, D + "/disk/target", "tray state 'ajar'"),
                c(disk("type='file'", "<target dev='vda'/>"), M, D + "/disk", "needs a <source>"),
                c(disk("type='file'", "<source dev='/dev/sda'/><target dev='vda'/>"), M, D + "/disk/source", "needs source file="),
                c(disk("type='file'", "<source file='d.img'/><target dev='vda'/>"), R, D + "/disk/source", "must be an absolute path"),
                c(disk("type='block'", src + "<target dev='vda'/>"), M, D + "/disk/source", "needs source dev="),
                c(disk("type='volume'", "<source pool='p'/><target dev='vda'/>"), M, D + "/disk/source", "pool='...' and volume='...'"),
                c(disk("type='volume'", "<source pool='p' volume='v' mode='remote'/><target dev='vda'/>"), U, D + "/disk/source", "volume mode 'remote'"),
                c(disk("type='file'", "<source file='/d' startupPolicy='always'/><target dev='vda'/>"), U, D + "/disk/source", "startup policy"),
                c(disk("type='file'", "<driver name='tap'/>" + src + "<target dev='vda'/>"), U, D + "/disk/driver", "driver name 'tap'"),
                c(disk("type='file'", "<driver name='qemu' type='qcow3'/>" + src + "<target dev='vda'/>"), U, D + "/disk/driver", "did you mean 'qcow2'"),
                c(disk("type='file'", "<driver cache='fast'/>" + src + "<target dev='vda'/>"), U, D + "/disk/driver", "cache mode 'fast'"),
                c(disk("type='file'", "<driver io='aio'/>" + src + "<target dev='vda'/>"), U, D + "/disk/driver", "io mode 'aio'"),
                c(disk("type='file'", "<driver discard='trim'/>" + src + "<target dev='vda'/>"), U, D + "/disk/driver", "discard mode 'trim'"),
                c(disk("type='file'", "<driver detect_zeroes='yes'/>" + src + "<target dev='vda'/>"), U, D + "/disk/driver", "detect_zeroes"),
                c(disk("type='file'", src + "<backingStore type='file'><format type='qcow9'/><source file='/b'/></backingStore><target dev='vda'/>"), U, D + "/disk/backingStore", "backing format 'qcow9'"),
                c(disk("type='file'", src + "<backingStore type='file'><format type='raw'/><source file='b.img'/></backingStore><target dev='vda'/>"), R, D + "/disk/backingStore", "must be an absolute path"),
                // controllers
                c(dev("<controller index='0'/>"), M, D + "/controller", "missing attribute 'type'"),
                c(dev("<controller type='nvme' index='0'/>"), U, D + "/controller", "controller type 'nvme'"),
                c(dev("<controller type='usb' index='0' model='xhci'/>"), MODEL, D + "/controller", "unknown usb controller model 'xhci'"),
                c(dev("<controller type='scsi' index='-1'/>"), R, D + "/controller", "must not be negative"),
                c(dev("<controller type='scsi' index='0'/><controller type='scsi' index='0'/>"), ViolationKind.DUPLICATE, D + "/controller[2]", "already defined"),
                // interfaces
                c(dev("<interface/>"), M, D + "/interface", "missing attribute 'type'"),
                c(nic("vhostuser", ""), U, D + "/interface", "interface type 'vhostuser'"),
                c(nic("network", ""), M, D + "/interface/source", "missing source network"),
                c(nic("bridge", "<source network='x'/>"), M, D + "/interface/source", "missing source bridge"),
                c(nic("direct", ""), M, D + "/interface/source", "missing source dev"),
                c(nic("direct", "<source dev='eth0' mode='bridged'/>"), U, D + "/interface/source", "did you mean 'bridge'"),
                c(nic("user", "<mac address='52:54:00:zz:00:01'/>"), ViolationKind.MAC, D + "/interface/mac", "malformed MAC address"),
                c(nic("user", "<mac address='01:00:5e:00:00:01'/>"), ViolationKind.MAC, D + "/interface/mac", "is multicast"),
                c(nic("user", "<mac address='00:00:00:00:00:00'/>"), ViolationKind.MAC, D + "/interface/mac", "not usable"),
                c(dev("<interface type='user'><mac address='52:54:00:00:00:01'/></interface><interface type='user'><mac address='52:54:00:00:00:01'/></interface>"),
                        ViolationKind.DUPLICATE_MAC, D + "/interface[2]/mac", "already used by interface 1"),
                c(nic("user", "<model type='virtio-net'/>"), MODEL, D + "/interface/model", "unknown NIC model 'virtio-net'"),
                // the user-mode backend (passt) and its port forwards
                c(nic("user", "<backend type='slirp2'/>"), U, D + "/interface/backend", "interface backend type 'slirp2'"),
                c(nic("user", "<backend/>"), M, D + "/interface/backend", "missing attribute 'type'"),
                c(nic("network", "<source network='n'/><backend type='passt'/>"), I, D + "/interface/backend",
                        "'passt' backend can only be used with interface type='user'"),
                c(nic("user", "<backend type='passt' logFile='passt.log'/>"), R, D + "/interface/backend", "must be an absolute path"),
                c(nic("user", "<backend type='default' logFile='/tmp/p.log'/>"), I, D + "/interface/backend", "only for the 'passt' backend"),
                c(nic("user", "<portForward proto='tcp'><range start='22'/></portForward>"), I, D + "/interface/portForward",
                        "needs <interface type='user'> with <backend type='passt'/>"),
                c(nic("user", "<backend type='passt'/><portForward proto='sctp'/>"), U, D + "/interface/portForward",
                        "portForward proto 'sctp'"),
                c(nic("user", "<backend type='passt'/><portForward/>"), M, D + "/interface/portForward", "missing attribute 'proto'"),
                c(nic("user", "<backend type='passt'/><portForward proto='tcp'><range start='70000'/></portForward>"), R,
                        D + "/interface/portForward/range", "start port"),
                c(nic("user", "<backend type='passt'/><portForward proto='tcp'><range start='90' end='80'/></portForward>"), R,
                        D + "/interface/portForward/range", "end port 80 is below start port 90"),
                c(nic("user", "<backend type='passt'/><portForward proto='tcp'><range to='22'/></portForward>"), M,
                        D + "/interface/portForward/range", "missing attribute 'start'"),
                c(nic("user", "<link state='off'/>"), U, D + "/interface/link", "link state 'off'"),
                c(nic("user", "<driver name='dpdk'/>"), U, D + "/interface/driver", "driver name 'dpdk'"),
                c(nic("user", "<target dev='a-very-long-tap-name0'/>"), ViolationKind.NAME, D + "/interface/target", "at most 15 characters"),
                c(nic("user", "<mtu size='10'/>"), R, D + "/interface/mtu", "MTU 10"),
                c(nic("user", "<driver queues='0'/>"), R, D + "/interface/driver", "queues 0"),
                // boot order
                c(disk("type='file'", src + "<target dev='vda'/><boot order='0'/>"), ViolationKind.BOOT_ORDER, D + "/disk/boot", "at least 1"),
                c(dev("<disk type='file'>" + src + "<target dev='vda'/><boot order='1'/></disk><interface type='user'><boot order='1'/></interface>"),
                        ViolationKind.BOOT_ORDER, D + "/interface/boot", "boot order 1 is already used by " + D + "/disk/boot"),
                c(top("  <os><type>hvm</type><boot dev='hd'/></os>\n  <devices>" + "<disk type='file'>" + src + "<target dev='vda'/><boot order='1'/></disk></devices>"),
                        ViolationKind.BOOT_ORDER, "/domain/os/boot", "cannot be combined"),
                // PCI addresses
                c(nic("user", "<address type='pci' slot='0x20'/>"), ViolationKind.ADDRESS, D + "/interface/address", "out of range"),
                c(dev("<interface type='user'><address type='pci' slot='0x03'/></interface><interface type='user'><address type='pci' slot='0x03'/></interface>"),
                        ViolationKind.ADDRESS, D + "/interface[2]/address", "0000:00:03.0 is already used by " + D + "/interface[1]"),
                // character devices
                c(dev("<serial/>"), M, D + "/serial", "missing attribute 'type'"),
                c(chr("serial", "telnet", ""), U, D + "/serial", "serial type 'telnet'"),
                c(chr("serial", "file", ""), M, D + "/serial/source", "missing source path"),
                c(chr("serial", "unix", "<source mode='bind' path='sock'/>"), R, D + "/serial/source", "must be an absolute path"),
                c(chr("serial", "tcp", "<source mode='bind' host='0.0.0.0'/>"), M, D + "/serial/source", "missing source service"),
                c(chr("serial", "tcp", "<source mode='bind' service='telnet'/>"), R, D + "/serial/source", "must be a port number"),
                c(chr("serial", "tcp", "<source mode='bind' service='70000'/>"), R, D + "/serial/source", "port 70000"),
                c(chr("serial", "unix", "<source mode='listen' path='/s'/>"), U, D + "/serial/source", "source mode 'listen'"),
                c(chr("serial", "tcp", "<source mode='bind' service='4000'/><protocol type='ssh'/>"), U, D + "/serial/protocol", "protocol 'ssh'"),
                c(chr("serial", "pty", "<target type='pci'/>"), U, D + "/serial/target", "serial target type 'pci'"),
                c(chr("console", "pty", "<target type='sclp'/>"), U, D + "/console/target", "console target type 'sclp'"),
                c(chr("channel", "unix", "<target type='virtio'/>"), M, D + "/channel/target", "virtio channel name"),
                c(chr("channel", "pty", ""), M, D + "/channel", "a channel needs a <target>"),
                c(chr("serial", "pty", "<target port='40'/>"), R, D + "/serial/target", "port 40"),
                // input, graphics, video
                c(dev("<input bus='usb'/>"), M, D + "/input", "missing attribute 'type'"),
                c(dev("<input type='joystick'/>"), U, D + "/input", "input type 'joystick'"),
                c(dev("<input type='mouse' bus='serial'/>"), BUS, D + "/input", "unknown input bus 'serial'"),
                c(dev("<input type='tablet' bus='ps2'/>"), BUS, D + "/input", "a tablet cannot use bus 'ps2'"),
                c(dev("<graphics/>"), M, D + "/graphics", "missing attribute 'type'"),
                c(dev("<graphics type='rdp'/>"), U, D + "/graphics", "graphics type 'rdp'"),
                c(dev("<graphics type='vnc' port='22'/>"), R, D + "/graphics", "must be -1 (automatic) or in [5900, 65535]"),
                c(dev("<graphics type='vnc'><listen type='tcp'/></graphics>"), U, D + "/graphics/listen", "listen type 'tcp'"),
                c(dev("<video><model type='virtio-gpu'/></video>"), MODEL, D + "/video/model", "unknown video model 'virtio-gpu'"),
                c(dev("<video><model type='qxl' primary='yes'/></video><video><model type='qxl' primary='yes'/></video>"), I, D + "/video[2]/model", "only one video device can be primary"),
                c(dev("<video><model type='qxl' heads='0'/></video>"), R, D + "/video/model", "heads 0"),
                // other devices
                c(dev("<sound model='hda'/>"), MODEL, D + "/sound", "unknown sound model 'hda'"),
                c(dev("<watchdog model='i6300ebs'/>"), MODEL, D + "/watchdog", "did you mean 'i6300esb'"),
                c(dev("<watchdog model='i6300esb' action='reboot'/>"), U, D + "/watchdog", "watchdog action 'reboot'"),
                c(dev("<memballoon model='xen'/>"), MODEL, D + "/memballoon", "unknown memballoon model 'xen'"),
                c(dev("<rng model='virtio-rng'><backend model='random'/></rng>"), MODEL, D + "/rng", "unknown rng model"),
                c(dev("<rng model='virtio'/>"), M, D + "/rng/backend", "missing backend model"),
                c(dev("<rng model='virtio'><backend model='hw'/></rng>"), U, D + "/rng/backend", "rng backend 'hw'"),
                c(dev("<rng model='virtio'><backend model='random'>/dev/zero</backend></rng>"), R, D + "/rng/backend", "/dev/random, /dev/urandom or /dev/hwrng"),
                c(dev("<panic model='s390'/>"), MODEL, D + "/panic", "unknown panic model 's390'"),
                c(dev("<panic/>"), M, D + "/panic", "missing attribute 'model'"),
                // filesystems
                c(dev("<filesystem type='block'><source dir='/s'/><target dir='t'/></filesystem>"), U, D + "/filesystem", "filesystem type 'block'"),
                c(dev("<filesystem accessmode='open'><source dir='/s'/><target dir='t'/></filesystem>"), U, D + "/filesystem", "access mode 'open'"),
                c(dev("<filesystem><driver type='nfs'/><source dir='/s'/><target dir='t'/></filesystem>"), U, D + "/filesystem/driver", "filesystem driver 'nfs'"),
                c(dev("<filesystem><target dir='t'/></filesystem>"), M, D + "/filesystem/source", "missing source dir"),
                c(dev("<filesystem><source dir='s'/><target dir='t'/></filesystem>"), R, D + "/filesystem/source", "must be an absolute path"),
                c(dev("<filesystem><source dir='/s'/></filesystem>"), M, D + "/filesystem/target", "missing target dir"),
                c(dev("<filesystem><source dir='/a'/><target dir='t'/></filesystem><filesystem><source dir='/b'/><target dir='t'/></filesystem>"),
                        ViolationKind.DUPLICATE, D + "/filesystem[2]/target", "mount tag 't' is already used"),
                c(dev("<filesystem><driver type='virtiofs'/><source dir='/s'/><target dir='t'/></filesystem>"), I, D + "/filesystem", "virtiofs needs shared memory"),
                c(top("  <memoryBacking><access mode='shared'/></memoryBacking>\n  <devices><filesystem accessmode='mapped'><driver type='virtiofs'/><source dir='/s'/><target dir='t'/></filesystem></devices>"),
                        I, D + "/filesystem", "only accessmode='passthrough'"));
    }
}
