package dev.jvirt.domainxml;

import static dev.jvirt.domainxml.DomainValidatorTest.c;
import static dev.jvirt.domainxml.DomainValidatorTest.dev;
import static dev.jvirt.domainxml.DomainValidatorTest.top;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One case per check added for real-world definitions (tuning, guest NUMA, sysinfo, Hyper-V,
 * firmware features, seclabel, TPM, redirdev, SPICE TLS); run by {@link DomainValidatorTest}.
 */
final class PlatformValidatorCases {
    private PlatformValidatorCases() {}

    private static final String D = "/domain/devices";

    static String vcpus(int n, String rest) {
        return top("  <vcpu>" + n + "</vcpu>\n" + rest);
    }

    static String hyperv(String body) {
        return top("  <features><hyperv mode='custom'>" + body + "</hyperv></features>");
    }

    static Stream<Arguments> cases() {
        ViolationKind M = ViolationKind.MISSING;
        ViolationKind U = ViolationKind.UNKNOWN_VALUE;
        ViolationKind R = ViolationKind.RANGE;
        ViolationKind I = ViolationKind.INCONSISTENT;
        ViolationKind DUP = ViolationKind.DUPLICATE;
        String cells = "<numa><cell id='0' cpus='0-1' memory='512'/><cell id='1' cpus='2-3' memory='512'/></numa>";
        return Stream.of(
                // cputune
                c(vcpus(2, "  <cputune><vcpupin vcpu='2' cpuset='0'/></cputune>"), R, "/domain/cputune/vcpupin", "names vCPU 2, but the domain has vCPUs 0 to 1"),
                c(vcpus(2, "  <cputune><vcpupin vcpu='0' cpuset='0'/><vcpupin vcpu='0' cpuset='1'/></cputune>"), DUP, "/domain/cputune/vcpupin[2]", "vCPU 0 is pinned twice"),
                c(vcpus(2, "  <cputune><vcpupin vcpu='0' cpuset='0-'/></cputune>"), U, "/domain/cputune/vcpupin", "malformed CPU list '0-'"),
                c(vcpus(2, "  <cputune><vcpupin vcpu='0'/></cputune>"), M, "/domain/cputune/vcpupin", "missing attribute 'cpuset'"),
                c(vcpus(2, "  <cputune><emulatorpin cpuset='a'/></cputune>"), U, "/domain/cputune/emulatorpin", "malformed CPU list 'a'"),
                c(top("  <cputune><iothreadpin iothread='1' cpuset='0'/></cputune>"), R, "/domain/cputune/iothreadpin", "the domain has none"),
                c(top("  <cputune><shares>1</shares></cputune>"), R, "/domain/cputune/shares", "CPU shares"),
                c(top("  <cputune><period>10</period></cputune>"), R, "/domain/cputune", "CPU period"),
                c(top("  <cputune><quota>5</quota></cputune>"), R, "/domain/cputune", "CPU quota 5"),
                // numatune and guest NUMA
                c(top("  <numatune><memory mode='strickt' nodeset='0'/></numatune>"), U, "/domain/numatune/memory", "did you mean 'strict'"),
                c(top("  <numatune><memory mode='strict'/></numatune>"), M, "/domain/numatune/memory", "missing nodeset"),
                c(top("  <numatune><memory mode='strict' nodeset='0,,1'/></numatune>"), U, "/domain/numatune/memory", "malformed CPU list"),
                c(vcpus(4, "  <cpu>" + cells + "</cpu>\n  <numatune><memnode cellid='2' mode='strict' nodeset='0'/></numatune>"), I,
                        "/domain/numatune/memnode", "memnode cellid 2 names no guest NUMA cell"),
                c(vcpus(4, "  <cpu><numa><cell id='1' cpus='0-3' memory='512'/></numa></cpu>"), I, "/domain/cpu/numa/cell", "out of order"),
                c(vcpus(4, "  <cpu><numa><cell id='0' cpus='0-4' memory='512'/></numa></cpu>"), ViolationKind.VCPU, "/domain/cpu/numa/cell", "beyond the 4 vCPUs"),
                c(vcpus(4, "  <cpu><numa><cell id='0' cpus='0-2' memory='512'/><cell id='1' cpus='2-3' memory='512'/></numa></cpu>"), DUP,
                        "/domain/cpu/numa/cell[2]", "vCPU 2 is in two NUMA cells"),
                c(vcpus(4, "  <cpu><numa><cell id='0' cpus='0-3' memory='0'/></numa></cpu>"), ViolationKind.MEMORY, "/domain/cpu/numa/cell", "greater than zero"),
                c(vcpus(4, "  <cpu><numa><cell id='0' cpus='0-3' memory='512' memAccess='public'/></numa></cpu>"), U, "/domain/cpu/numa/cell", "memAccess 'public'"),
                c(vcpus(4, "  <cpu><numa><cell id='0' cpus='0-1' memory='512'><distances><sibling id='0' value='20'/></distances></cell>"
                        + "<cell id='1' cpus='2-3' memory='512'/></numa></cpu>"), R, "/domain/cpu/numa/cell[1]/distances/sibling", "to itself must be 10"),
                c(vcpus(4, "  <cpu><numa><cell id='0' cpus='0-1' memory='512'><distances><sibling id='1' value='300'/></distances></cell>"
                        + "<cell id='1' cpus='2-3' memory='512'/></numa></cpu>"), R, "/domain/cpu/numa/cell[1]/distances/sibling", "must be in [10, 255]"),
                c(vcpus(4, "  <cpu><numa><cell id='0' cpus='0-3' memory='512'><distances><sibling id='5' value='20'/></distances></cell></numa></cpu>"), I,
                        "/domain/cpu/numa/cell/distances/sibling", "sibling id 5 names no NUMA cell"),
                c(top("  <cpu mode='host-passthrough'><cache level='2' mode='passthrough'/></cpu>"), U, "/domain/cpu/cache", "only cache level 3"),
                c(top("  <cpu mode='host-passthrough'><cache mode='copy'/></cpu>"), U, "/domain/cpu/cache", "CPU cache mode 'copy'"),
                c(top("  <memoryBacking><hugepages><page size='3000' unit='KiB'/></hugepages></memoryBacking>"), ViolationKind.MEMORY,
                        "/domain/memoryBacking/hugepages/page", "not a power of two"),
                // memtune, blkiotune, resource
                c(top("  <memtune><hard_limit>1024</hard_limit><soft_limit>2048</soft_limit></memtune>"), I, "/domain/memtune/soft_limit", "larger than hard_limit"),
                c(top("  <memtune><hard_limit>2048</hard_limit><swap_hard_limit>1024</swap_hard_limit></memtune>"), I, "/domain/memtune/swap_hard_limit", "smaller than hard_limit"),
                c(top("  <blkiotune><weight>5000</weight></blkiotune>"), R, "/domain/blkiotune/weight", "blkio weight"),
                c(top("  <blkiotune><device><weight>500</weight></device></blkiotune>"), M, "/domain/blkiotune/device", "missing <path>"),
                c(top("  <resource><partition>machine</partition></resource>"), U, "/domain/resource/partition", "must be an absolute path"),
                // sysinfo and smbios
                c(top("  <sysinfo type='dmi'/>"), U, "/domain/sysinfo", "sysinfo type 'dmi'"),
                c(top("  <sysinfo/>"), M, "/domain/sysinfo", "missing attribute 'type'"),
                c(top("  <sysinfo type='smbios'><system><entry name='manufacturor'>x</entry></system></sysinfo>"), U,
                        "/domain/sysinfo/system/entry", "did you mean 'manufacturer'"),
                c(top("  <sysinfo type='smbios'><bios><entry name='product'>x</entry></bios></sysinfo>"), U, "/domain/sysinfo/bios/entry", "bios entry 'product'"),
                c(top("  <uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1809</uuid>\n  <sysinfo type='smbios'><system><entry name='uuid'>c7a5fdbd-cdaf-9455-926a-d65c16db1800</entry></system></sysinfo>"),
                        I, "/domain/sysinfo/system", "differs from the domain's uuid"),
                c(top("  <sysinfo type='fwcfg'><entry name='com.example/x'>v</entry></sysinfo>"), U, "/domain/sysinfo/entry", "must start with opt/"),
                c(top("  <sysinfo type='fwcfg'><entry name='opt/com.example/x'/></sysinfo>"), I, "/domain/sysinfo/entry", "either a value or a file"),
                c(top("  <os><type>hvm</type><smbios mode='sysinfo'/></os>"), M, "/domain/os/smbios", "needs a <sysinfo type='smbios'>"),
                c(top("  <os><type>hvm</type><smbios mode='fake'/></os>"), U, "/domain/os/smbios", "SMBIOS mode 'fake'"),
                // firmware features
                c(top("  <os><type>hvm</type><firmware><feature enabled='yes' name='secure-boot'/></firmware></os>"), I, "/domain/os/firmware", "need <os firmware='efi'>"),
                c(top("  <os firmware='efi'><type>hvm</type><firmware><feature enabled='yes' name='secureboot'/></firmware></os>"), U,
                        "/domain/os/firmware/feature", "did you mean 'secure-boot'"),
                c(top("  <os firmware='efi'><type>hvm</type><firmware><feature name='secure-boot'/></firmware></os>"), M, "/domain/os/firmware/feature", "attribute 'enabled'"),
                // features
                c(hyperv("<spinlocks state='on' retries='100'/>"), R, "/domain/features/hyperv/spinlocks", "at least 4095"),
                c(hyperv("<spinlocks state='on'/>"), M, "/domain/features/hyperv/spinlocks", "needs retries"),
                c(hyperv("<vendor_id state='on' value='0123456789abcdef'/>"), R, "/domain/features/hyperv/vendor_id", "longer than 12"),
                c(hyperv("<vendor_id state='on'/>"), M, "/domain/features/hyperv/vendor_id", "needs a value"),
                c(hyperv("<relaxed/>"), M, "/domain/features/hyperv/relaxed", "missing attribute 'state'"),
                c(top("  <features><hyperv mode='full'/></features>"), U, "/domain/features/hyperv", "hyperv mode 'full'"),
                c(top("  <features><gic version='3'/></features>"), I, "/domain/features/gic", "ARM interrupt controller"),
                // clock timers
                c(top("  <clock offset='utc'><timer name='rtc' frequency='1000'/></clock>"), I, "/domain/clock/timer", "only the tsc timer takes frequency"),
                c(top("  <clock offset='utc'><timer name='tsc' mode='fast'/></clock>"), U, "/domain/clock/timer", "tsc mode 'fast'"),
                c(top("  <clock offset='utc'><timer name='rtc' tickpolicy='delay'><catchup slew='120'/></timer></clock>"), I,
                        "/domain/clock/timer", "<catchup> needs tickpolicy='catchup'"),
                // seclabel
                c(top("  <devices/>\n  <seclabel type='fixed' model='dac'/>"), U, "/domain/seclabel", "seclabel type 'fixed'"),
                c(top("  <devices/>\n  <seclabel type='static' model='selinux'/>"), M, "/domain/seclabel", "needs a <label>"),
                c(top("  <devices/>\n  <seclabel type='dynamic' model='smack'/>"), U, "/domain/seclabel", "seclabel model 'smack'"),
                // devices
                c(dev("<tpm model='tpm-tiss'><backend type='emulator' version='2.0'/></tpm>"), U, D + "/tpm", "did you mean 'tpm-tis'"),
                c(dev("<tpm model='tpm-crb'/>"), M, D + "/tpm/backend", "TPM <backend"),
                c(dev("<tpm model='tpm-crb'><backend type='emulator' version='1.2'/></tpm>"), I, D + "/tpm/backend", "tpm-crb is a TPM 2.0 interface"),
                c(dev("<tpm model='tpm-tis'><backend type='emulator' version='3.0'/></tpm>"), U, D + "/tpm/backend", "TPM version '3.0'"),
                c(dev("<tpm model='tpm-tis'><backend type='passthrough'><device path='tpm0'/></backend></tpm>"), R, D + "/tpm/backend/device", "absolute path"),
                c(dev("<tpm model='tpm-tis'><backend type='emulator'/></tpm><tpm model='tpm-crb'><backend type='emulator'/></tpm>"), DUP, D + "/tpm[2]", "at most one TPM"),
                c(dev("<redirdev bus='usb' type='pty'/>"), U, D + "/redirdev", "redirdev type 'pty'"),
                c(dev("<redirdev bus='usb' type='tcp'/>"), M, D + "/redirdev", "needs <source mode='connect' host service>"),
                c(dev("<redirdev type='spicevmc'/>"), M, D + "/redirdev", "missing attribute 'bus'"),
                c(dev("<graphics type='vnc' tlsPort='5901'/>"), I, D + "/graphics", "SPICE settings, not vnc"),
                c(dev("<graphics type='spice' tlsPort='70000'/>"), R, D + "/graphics", "tlsPort 70000"),
                c(dev("<graphics type='spice' port='5901' tlsPort='5901'/>"), I, D + "/graphics", "port and tlsPort are both 5901"),
                c(dev("<graphics type='spice' defaultMode='safe'/>"), U, D + "/graphics", "SPICE defaultMode 'safe'"),
                c(dev("<graphics type='spice'><channel name='mian' mode='secure'/></graphics>"), U, D + "/graphics/channel", "did you mean 'main'"),
                c(dev("<interface type='network'><source network='default'/><target dev='t0' managed='no'/></interface>"), I, D + "/interface/target",
                        "for type='ethernet' NICs"),
                c(dev("<interface type='ethernet'><target managed='no'/></interface>"), M, D + "/interface/target", "needs the dev of the existing TAP"),
                c(dev("<disk type='file'><driver name='qemu' type='raw' iothread='2'/><source file='/d.img'/><target dev='vda'/></disk>"), I,
                        D + "/disk/driver", "the domain has no <iothreads>"),
                c(dev("<disk type='file'><driver name='qemu' type='raw' error_policy='retry'/><source file='/d.img'/><target dev='vda'/></disk>"), U,
                        D + "/disk/driver", "error_policy 'retry'"),
                c(dev("<disk type='file'><source file='/d.img'/><target dev='vda'/><wwn>5000c50015ea71a</wwn></disk>"), U, D + "/disk/wwn", "16 hex digits"),
                c(dev("<disk type='file'><source file='/d.img'/><blockio logical_block_size='1000'/><target dev='vda'/></disk>"), R,
                        D + "/disk/blockio", "power of two"),
                c(dev("<disk type='file'><source file='/d.img'/><target dev='vda'/><iotune><total_bytes_sec>1</total_bytes_sec>"
                        + "<read_bytes_sec>1</read_bytes_sec></iotune></disk>"), I, D + "/disk/iotune", "total_bytes_sec cannot be set with"),
                c(dev("<disk type='file'><source file='/d.img'/><target dev='vda'/><iotune><total_iops_sec>-5</total_iops_sec></iotune></disk>"), R,
                        D + "/disk/iotune", "must not be negative"));
    }
}
