package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.xml.XmlOutput;

/** Writes {@code <os>}, {@code <features>}, {@code <cpu>} and {@code <clock>}. */
final class OsWriter {
  private OsWriter() {}

  static void os(XmlOutput w, Os os) {
    if (os == null) {
      return;
    }
    w.start("os").attr("firmware", os.firmware());
    if (os.type() != null || os.arch() != null || os.machine() != null) {
      w.start("type").attr("arch", os.arch()).attr("machine", os.machine());
      if (os.type() == null || os.type().isEmpty()) {
        w.end();
      } else {
        w.endWithText(os.type());
      }
    }
    Os.Loader l = os.loader();
    if (l != null) {
      w.start("loader").yesNo("readonly", l.readonly()).yesNo("secure", l.secure()).attr("type", l.type());
      if (l.path() == null) {
        w.end();
      } else {
        w.endWithText(l.path());
      }
    }
    Os.Nvram n = os.nvram();
    if (n != null) {
      w.start("nvram").attr("template", n.template());
      if (n.path() == null) {
        w.end();
      } else {
        w.endWithText(n.path());
      }
    }
    w.textElement("kernel", os.kernel());
    w.textElement("initrd", os.initrd());
    w.textElement("cmdline", os.cmdline());
    for (String dev : os.bootDevices()) {
      w.start("boot").attr("dev", dev).end();
    }
    if (os.bootMenu() != null) {
      w.start("bootmenu").yesNo("enable", os.bootMenu().enable()).attr("timeout", os.bootMenu().timeout()).end();
    }
    if (os.smbiosMode() != null) {
      w.start("smbios").attr("mode", os.smbiosMode()).end();
    }
    if (os.bios() != null) {
      w.start("bios").yesNo("useserial", os.bios().useserial()).attr("rebootTimeout", os.bios().rebootTimeout()).end();
    }
    w.end();
  }

  static void features(XmlOutput w, Features f) {
    if (f == null) {
      return;
    }
    w.start("features");
    w.flag("acpi", f.acpi());
    w.flag("apic", f.apic());
    w.flag("pae", f.pae());
    state(w, "hap", f.hap());
    if (f.kvmHidden() != null) {
      w.start("kvm").start("hidden").onOff("state", f.kvmHidden()).end().end();
    }
    state(w, "pmu", f.pmu());
    state(w, "vmport", f.vmport());
    state(w, "smm", f.smm());
    if (f.ioapicDriver() != null) {
      w.start("ioapic").attr("driver", f.ioapicDriver()).end();
    }
    w.end();
  }

  private static void state(XmlOutput w, String name, Boolean v) {
    if (v != null) {
      w.start(name).onOff("state", v).end();
    }
  }

  static void cpu(XmlOutput w, Cpu c) {
    if (c == null) {
      return;
    }
    w.start("cpu").attr("mode", c.mode()).attr("match", c.match()).attr("check", c.check())
        .onOff("migratable", c.migratable());
    if (c.model() != null) {
      w.start("model").attr("fallback", c.model().fallback());
      if (c.model().name() == null) {
        w.end();
      } else {
        w.endWithText(c.model().name());
      }
    }
    w.textElement("vendor", c.vendor());
    Cpu.Topology t = c.topology();
    if (t != null) {
      w.start("topology").attr("sockets", t.sockets()).attr("dies", t.dies()).attr("cores", t.cores())
          .attr("threads", t.threads()).end();
    }
    for (Cpu.Feature f : c.features()) {
      w.start("feature").attr("policy", f.policy()).attr("name", f.name()).end();
    }
    w.end();
  }

  static void clock(XmlOutput w, Clock c) {
    if (c == null) {
      return;
    }
    w.start("clock").attr("offset", c.offset()).attr("timezone", c.timezone())
        .attr("adjustment", c.adjustment()).attr("basis", c.basis());
    for (Clock.Timer t : c.timers()) {
      w.start("timer").attr("name", t.name()).yesNo("present", t.present()).attr("tickpolicy", t.tickpolicy())
          .attr("track", t.track()).end();
    }
    w.end();
  }
}
