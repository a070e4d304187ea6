package dev.jvirt.bench.domainxml;

import dev.jvirt.domainxml.Parsed;
import dev.jvirt.domainxml.Violation;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainDefaults;
import dev.jvirt.domainxml.domain.DomainValidator;
import dev.jvirt.domainxml.domain.DomainXml;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Throughput of the domain-xml pipeline on a typical 10-device domain, on one thread:
 * parse + validate + format, and the same with defaults filled (what a define does).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class DomainXmlBench {
    /** A virt-install-like Debian guest: 2 disks, controller, NIC, serial, console, agent channel, graphics, video, RNG, balloon. */
    static final String XML = String.join("\n",
            "<domain type='kvm'>",
            "  <name>bench01</name>",
            "  <uuid>5b1f0c3e-8d2a-4c55-9a71-0e6d2f1c9b44</uuid>",
            "  <metadata>",
            "    <libosinfo:libosinfo xmlns:libosinfo='http://libosinfo.org/xmlns/libvirt/domain/1.0'>",
            "      <libosinfo:os id='http://debian.org/debian/12'/>",
            "    </libosinfo:libosinfo>",
            "  </metadata>",
            "  <memory unit='GiB'>2</memory>",
            "  <currentMemory unit='GiB'>2</currentMemory>",
            "  <vcpu placement='static'>2</vcpu>",
            "  <os>",
            "    <type arch='x86_64' machine='q35'>hvm</type>",
            "    <boot dev='hd'/>",
            "  </os>",
            "  <features>",
            "    <acpi/>",
            "    <apic/>",
            "    <vmport state='off'/>",
            "  </features>",
            "  <cpu mode='host-passthrough' check='none' migratable='on'>",
            "    <topology sockets='1' dies='1' cores='2' threads='1'/>",
            "  </cpu>",
            "  <clock offset='utc'>",
            "    <timer name='rtc' tickpolicy='catchup'/>",
            "    <timer name='pit' tickpolicy='delay'/>",
            "    <timer name='hpet' present='no'/>",
            "  </clock>",
            "  <on_poweroff>destroy</on_poweroff>",
            "  <on_reboot>restart</on_reboot>",
            "  <on_crash>destroy</on_crash>",
            "  <devices>",
            "    <emulator>/usr/bin/qemu-system-x86_64</emulator>",
            "    <disk type='file' device='disk'>",
            "      <driver name='qemu' type='qcow2' discard='unmap'/>",
            "      <source file='/var/lib/jvirt/images/bench01.qcow2'/>",
            "      <target dev='vda' bus='virtio'/>",
            "    </disk>",
            "    <disk type='file' device='cdrom'>",
            "      <driver name='qemu' type='raw'/>",
            "      <source file='/var/lib/jvirt/images/seed.iso'/>",
            "      <target dev='sda' bus='sata'/>",
            "      <readonly/>",
            "    </disk>",
            "    <controller type='usb' index='0' model='qemu-xhci' ports='15'/>",
            "    <interface type='network'>",
            "      <mac address='52:54:00:6b:3c:58'/>",
            "      <source network='default'/>",
            "      <model type='virtio'/>",
            "    </interface>",
            "    <serial type='pty'>",
            "      <target type='isa-serial' port='0'/>",
            "    </serial>",
            "    <console type='pty'>",
            "      <target type='serial' port='0'/>",
            "    </console>",
            "    <channel type='unix'>",
            "      <target type='virtio' name='org.qemu.guest_agent.0'/>",
            "    </channel>",
            "    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>",
            "    <video>",
            "      <model type='virtio' heads='1' primary='yes'/>",
            "    </video>",
            "    <memballoon model='virtio'/>",
            "    <rng model='virtio'>",
            "      <backend model='random'>/dev/urandom</backend>",
            "    </rng>",
            "  </devices>",
            "</domain>",
            "");

    private Random random;

    /** Checks once that the input is valid, so the benchmark measures the successful path. */
    @Setup
    public void setup() {
        random = new Random(1);
        List<Violation> v = DomainValidator.validate(DomainXml.read(XML, "bench.xml"));
        if (!v.isEmpty()) {
            throw new IllegalStateException("benchmark input is invalid: " + v);
        }
    }

    /** parse → validate → format. */
    @Benchmark
    public String parseValidateFormat() {
        Parsed<Domain> p = DomainXml.read(XML, "bench.xml");
        List<Violation> v = DomainValidator.validate(p);
        if (!v.isEmpty()) {
            throw new IllegalStateException(v.toString());
        }
        return DomainXml.format(p.definition());
    }

    /** parse → fill defaults → validate → format: a full define. */
    @Benchmark
    public String parseDefaultsValidateFormat() {
        Parsed<Domain> p = DomainXml.read(XML, "bench.xml");
        Domain filled = DomainDefaults.fill(p.definition(), random);
        List<Violation> v = DomainValidator.validate(filled);
        if (!v.isEmpty()) {
            throw new IllegalStateException(v.toString());
        }
        return DomainXml.format(filled);
    }
}
