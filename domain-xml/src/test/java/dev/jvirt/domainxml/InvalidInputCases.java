package dev.jvirt.domainxml;

import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.domainxml.network.NetworkXml;
import dev.jvirt.domainxml.pool.PoolXml;
import dev.jvirt.domainxml.volume.VolumeXml;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Invalid inputs and the parser that should reject them; shared by the tests and the printer. */
final class InvalidInputCases {
    private InvalidInputCases() {}

    static final Function<String, Object> DOMAIN = x -> DomainXml.parse(x, "domain.xml");
    static final Function<String, Object> NETWORK = x -> NetworkXml.parse(x, "net.xml");
    static final Function<String, Object> POOL = x -> PoolXml.parse(x, "pool.xml");
    static final Function<String, Object> VOLUME = x -> VolumeXml.parse(x, "vol.xml");

    static String dom(String devices) {
        return "<domain type='kvm'>\n  <name>x</name>\n  <memory>1024</memory>\n  <devices>\n" + devices + "\n  </devices>\n</domain>\n";
    }

    /** name → {input, parser}. */
    static Map<String, Object[]> cases() {
        Map<String, Object[]> m = new LinkedHashMap<>();
        m.put("misspelt attribute", new Object[] {dom("    <disk type='file'>\n      <source file='/a'/>\n      <target dev='vda'/>\n    </disk>\n    <disk type='file'>\n      <source file='/b'/>\n      <target dev='sda' bux='sata'/>\n    </disk>"), DOMAIN});
        m.put("misspelt element", new Object[] {dom("    <disk type='file'>\n      <sorce file='/a'/>\n    </disk>"), DOMAIN});
        m.put("misspelt top element", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <memroy>1</memroy>\n</domain>", DOMAIN});
        m.put("unknown element no suggestion", new Object[] {dom("    <gizmo mode='subsystem'/>"), DOMAIN});
        m.put("namespaced element outside metadata", new Object[] {"<domain type='kvm' xmlns:app='urn:example:app'>\n  <name>x</name>\n  <app:settings/>\n</domain>", DOMAIN});
        m.put("qemu element in another namespace", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <qemu:commandline xmlns:qemu='urn:not-libvirt'/>\n</domain>", DOMAIN});
        m.put("missing name", new Object[] {"<domain type='kvm'>\n  <memory>1024</memory>\n</domain>", DOMAIN});
        m.put("empty name", new Object[] {"<domain type='kvm'>\n  <name>  </name>\n  <memory>1024</memory>\n</domain>", DOMAIN});
        m.put("misspelt hyperv enlightenment", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <features>\n    <hyperv mode='custom'>\n      <relaxd state='on'/>\n    </hyperv>\n  </features>\n</domain>", DOMAIN});
        m.put("hyperv state not on/off", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <features>\n    <hyperv>\n      <vapic state='yes'/>\n    </hyperv>\n  </features>\n</domain>", DOMAIN});
        m.put("misspelt sysinfo section", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <sysinfo type='smbios'>\n    <sytem>\n      <entry name='product'>p</entry>\n    </sytem>\n  </sysinfo>\n</domain>", DOMAIN});
        m.put("numa cell without memory", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <cpu>\n    <numa>\n      <cell id='0' cpus='0'/>\n    </numa>\n  </cpu>\n</domain>", DOMAIN});
        m.put("numa cell unknown unit", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <cpu>\n    <numa>\n      <cell id='0' cpus='0' memory='1' unit='GiBs'/>\n    </numa>\n  </cpu>\n</domain>", DOMAIN});
        m.put("misspelt numatune attribute", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <numatune>\n    <memory mode='strict' nodeset='0' placment='static'/>\n  </numatune>\n</domain>", DOMAIN});
        m.put("cputune shares not a number", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <cputune>\n    <shares>many</shares>\n  </cputune>\n</domain>", DOMAIN});
        m.put("misspelt tpm backend attribute", new Object[] {dom("    <tpm model='tpm-crb'>\n      <backend type='emulator' verison='2.0'/>\n    </tpm>"), DOMAIN});
        m.put("tlsPort not a number", new Object[] {dom("    <graphics type='spice' tlsPort='auto'/>"), DOMAIN});
        m.put("alias without name", new Object[] {dom("    <interface type='user'>\n      <alias/>\n    </interface>"), DOMAIN});
        m.put("firmware feature enabled not yes/no", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <os firmware='efi'>\n    <firmware>\n      <feature enabled='true' name='secure-boot'/>\n    </firmware>\n  </os>\n</domain>", DOMAIN});
        m.put("misspelt resource child", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <resource>\n    <partiton>/machine</partiton>\n  </resource>\n</domain>", DOMAIN});
        m.put("misspelt memtune child", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <memtune>\n    <hard_limt>1</hard_limt>\n  </memtune>\n</domain>", DOMAIN});
        m.put("interface target managed not yes/no", new Object[] {dom("    <interface type='ethernet'>\n      <target dev='tap0' managed='off'/>\n    </interface>"), DOMAIN});
        m.put("xinclude", new Object[] {"<domain type='kvm' xmlns:xi='http://www.w3.org/2001/XInclude'>\n  <xi:include href='/etc/passwd'/>\n</domain>", DOMAIN});
        m.put("unclosed tag", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <memory>1024\n</domain>", DOMAIN});
        m.put("not xml", new Object[] {"this is not xml", DOMAIN});
        m.put("empty input", new Object[] {"", DOMAIN});
        m.put("doctype", new Object[] {"<?xml version='1.0'?>\n<!DOCTYPE domain [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>\n<domain type='kvm'><name>&xxe;</name></domain>", DOMAIN});
        m.put("undeclared entity", new Object[] {"<domain type='kvm'>\n  <name>&xxe;</name>\n</domain>", DOMAIN});
        m.put("wrong root", new Object[] {"<network>\n  <name>default</name>\n</network>", DOMAIN});
        m.put("unknown unit", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <memory unit='GIB2'>1</memory>\n</domain>", DOMAIN});
        m.put("misspelt unit", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <memory unit='MiBB'>1</memory>\n</domain>", DOMAIN});
        m.put("memory not a number", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <memory unit='MiB'>lots</memory>\n</domain>", DOMAIN});
        m.put("memory overflow", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <memory unit='EiB'>100000</memory>\n</domain>", DOMAIN});
        m.put("negative memory", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <memory>-5</memory>\n</domain>", DOMAIN});
        m.put("vcpu not a number", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <vcpu>two</vcpu>\n</domain>", DOMAIN});
        m.put("bad yes/no", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <os>\n    <bootmenu enable='true'/>\n  </os>\n</domain>", DOMAIN});
        m.put("bad on/off", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <features>\n    <vmport state='disabled'/>\n  </features>\n</domain>", DOMAIN});
        m.put("duplicate name", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <name>y</name>\n</domain>", DOMAIN});
        m.put("stray text", new Object[] {"<domain type='kvm'>\n  <name>x</name>\n  <devices>oops</devices>\n</domain>", DOMAIN});
        m.put("bad pci slot", new Object[] {dom("    <interface type='user'>\n      <address type='pci' slot='0xZZ'/>\n    </interface>"), DOMAIN});
        m.put("pci without slot", new Object[] {dom("    <interface type='user'>\n      <address type='pci' bus='0x00'/>\n    </interface>"), DOMAIN});
        m.put("unknown address type", new Object[] {dom("    <interface type='user'>\n      <address type='pcie'/>\n    </interface>"), DOMAIN});
        m.put("boot without order", new Object[] {dom("    <disk type='file'>\n      <boot/>\n    </disk>"), DOMAIN});
        m.put("two memballoons", new Object[] {dom("    <memballoon model='virtio'/>\n    <memballoon model='none'/>"), DOMAIN});
        m.put("unknown attribute on root", new Object[] {"<domain type='kvm' tpye='qemu'>\n  <name>x</name>\n</domain>", DOMAIN});
        m.put("misspelt interface child", new Object[] {dom("    <interface type='network'>\n      <source network='default'/>\n      <modle type='virtio'/>\n    </interface>"), DOMAIN});
        m.put("network unknown attribute", new Object[] {"<network>\n  <name>n</name>\n  <bridge name='br0' stpp='on'/>\n</network>", NETWORK});
        m.put("network misspelt dhcp", new Object[] {"<network>\n  <name>n</name>\n  <ip address='10.0.0.1' prefix='24'>\n    <dhpc/>\n  </ip>\n</network>", NETWORK});
        m.put("pool bad size", new Object[] {"<pool type='dir'>\n  <name>p</name>\n  <capacity unit='bytes'>1.5</capacity>\n</pool>", POOL});
        m.put("pool misspelt target", new Object[] {"<pool type='dir'>\n  <name>p</name>\n  <traget>\n    <path>/x</path>\n  </traget>\n</pool>", POOL});
        m.put("volume unknown unit", new Object[] {"<volume>\n  <name>v</name>\n  <capacity unit='gigs'>1</capacity>\n</volume>", VOLUME});
        m.put("volume misspelt format", new Object[] {"<volume>\n  <name>v</name>\n  <capacity>1</capacity>\n  <target>\n    <fromat type='qcow2'/>\n  </target>\n</volume>", VOLUME});
        m.put("boot without dev", new Object[] {"<domain type='kvm'>\n  <os>\n    <boot/>\n  </os>\n</domain>", DOMAIN});
        m.put("pool device without path", new Object[] {"<pool type='fs'>\n  <source>\n    <device/>\n  </source>\n</pool>", POOL});
        return m;
    }

    public static void main(String[] args) {
        for (Map.Entry<String, Object[]> e : cases().entrySet()) {
            @SuppressWarnings("unchecked")
            Function<String, Object> f = (Function<String, Object>) e.getValue()[1];
            try {
                f.apply((String) e.getValue()[0]);
                System.out.println(e.getKey() + " => ACCEPTED");
            } catch (DefinitionException ex) {
                System.out.println("    m.put(\"" + e.getKey() + "\", \"" + ex.getMessage().replace("\\", "\\\\").replace("\"", "\\\"") + "\");");
            }
        }
    }
}
