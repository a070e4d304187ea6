package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.xml.Node;
import java.util.ArrayList;
import java.util.List;

/** Binds {@code <os>}, {@code <features>}, {@code <cpu>} and {@code <clock>}. */
final class OsReader {
  private OsReader() {}

  static Os os(Node n) {
    if (n == null) {
      return null;
    }
    String firmware = n.attr("firmware");
    Node type = n.child("type");
    String arch = null;
    String machine = null;
    String typeText = null;
    if (type != null) {
      arch = type.attr("arch");
      machine = type.attr("machine");
      typeText = type.text();
    }
    Node l = n.child("loader");
    Os.Loader loader = null;
    if (l != null) {
      Boolean ro = l.yesNo("readonly");
      Boolean secure = l.yesNo("secure");
      String lt = l.attr("type");
      String p = l.text();
      loader = new Os.Loader(ro, secure, lt, p.isEmpty() ? null : p);
    }
    Node nv = n.child("nvram");
    Os.Nvram nvram = null;
    if (nv != null) {
      String tpl = nv.attr("template");
      String p = nv.text();
      nvram = new Os.Nvram(tpl, p.isEmpty() ? null : p);
    }
    String kernel = n.childText("kernel");
    String initrd = n.childText("initrd");
    Node cmd = n.child("cmdline");
    String cmdline = cmd == null ? null : cmd.rawText();
    List<String> boot = new ArrayList<>(2);
    for (Node b : n.children("boot")) {
      boot.add(b.requiredAttr("dev"));
    }
    Node bm = n.child("bootmenu");
    Os.BootMenu bootMenu = bm == null ? null : new Os.BootMenu(bm.yesNo("enable"), bm.intAttr("timeout"));
    Node bi = n.child("bios");
    Os.Bios bios = bi == null ? null : new Os.Bios(bi.yesNo("useserial"), bi.intAttr("rebootTimeout"));
    Node sm = n.child("smbios");
    return new Os(firmware, typeText, arch, machine, loader, nvram, kernel, initrd, cmdline, boot,
        bootMenu, bios, sm == null ? null : sm.attr("mode"));
  }

  static Features features(Node n) {
    if (n == null) {
      return null;
    }
    boolean acpi = n.flag("acpi");
    boolean apic = n.flag("apic");
    boolean pae = n.flag("pae");
    Boolean hap = state(n.child("hap"));
    Boolean vmport = state(n.child("vmport"));
    Boolean smm = state(n.child("smm"));
    Boolean pmu = state(n.child("pmu"));
    Boolean hidden = null;
    Node kvm = n.child("kvm");
    if (kvm != null) {
      Node h = kvm.child("hidden");
      hidden = h == null ? null : h.onOff("state");
    }
    Node io = n.child("ioapic");
    return new Features(acpi, apic, pae, hap, vmport, smm, pmu, hidden, io == null ? null : io.attr("driver"));
  }

  /** {@code <x state='on|off'/>}; a bare element means on. */
  private static Boolean state(Node n) {
    if (n == null) {
      return null;
    }
    Boolean s = n.onOff("state");
    return s == null ? Boolean.TRUE : s;
  }

  static Cpu cpu(Node n) {
    if (n == null) {
      return null;
    }
    String mode = n.attr("mode");
    String match = n.attr("match");
    String check = n.attr("check");
    Boolean migratable = n.onOff("migratable");
    Node m = n.child("model");
    Cpu.Model model = null;
    if (m != null) {
      String fallback = m.attr("fallback");
      String t = m.text();
      model = new Cpu.Model(t.isEmpty() ? null : t, fallback);
    }
    String vendor = n.childText("vendor");
    Node t = n.child("topology");
    Cpu.Topology topo = t == null ? null
        : new Cpu.Topology(t.intAttr("sockets"), t.intAttr("dies"), t.intAttr("cores"), t.intAttr("threads"));
    List<Cpu.Feature> features = new ArrayList<>();
    for (Node f : n.children("feature")) {
      features.add(new Cpu.Feature(f.attr("policy"), f.attr("name")));
    }
    return new Cpu(mode, match, check, migratable, model, vendor, topo, features);
  }

  static Clock clock(Node n) {
    if (n == null) {
      return null;
    }
    String offset = n.attr("offset");
    String tz = n.attr("timezone");
    String adj = n.attr("adjustment");
    String basis = n.attr("basis");
    List<Clock.Timer> timers = new ArrayList<>();
    for (Node t : n.children("timer")) {
      timers.add(new Clock.Timer(t.attr("name"), t.attr("tickpolicy"), t.attr("track"), t.yesNo("present")));
    }
    return new Clock(offset, tz, adj, basis, timers);
  }
}
