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
    m.put("unknown element no suggestion", new Object[] {dom("    <hostdev mode='subsystem'/>"), DOMAIN});
    m.put("namespaced element outside metadata", new Object[] {"<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>\n  <name>x</name>\n  <qemu:commandline/>\n</domain>", DOMAIN});
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
