package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.VerbatimElement;
import dev.jvirt.domainxml.xml.XmlOutput;

/** Writes a {@link Domain} in libvirt's element order; devices go to {@link DeviceWriter}. */
final class DomainWriter {
  private DomainWriter() {}

  static String write(Domain d) {
    XmlOutput w = new XmlOutput();
    w.start("domain").attr("type", d.type());
    w.textElement("name", d.name());
    w.textElement("uuid", d.uuid());
    w.textElement("title", d.title());
    w.textElement("description", d.description());
    if (!d.metadata().isEmpty()) {
      w.start("metadata");
      for (VerbatimElement e : d.metadata()) {
        w.verbatim(e);
      }
      w.end();
    }
    if (d.maxMemory() != null) {
      w.start("maxMemory").attr("slots", d.maxMemory().slots()).attr("unit", "KiB")
          .endWithText(Long.toString(d.maxMemory().kib()));
    }
    if (d.memoryKiB() > 0) {
      w.start("memory").attr("unit", "KiB").endWithText(Long.toString(d.memoryKiB()));
    }
    if (d.currentMemoryKiB() != null) {
      w.start("currentMemory").attr("unit", "KiB").endWithText(Long.toString(d.currentMemoryKiB()));
    }
    memoryBacking(w, d.memoryBacking());
    if (d.vcpu() != null) {
      Vcpu v = d.vcpu();
      w.start("vcpu").attr("placement", v.placement()).attr("cpuset", v.cpuset()).attr("current", v.current())
          .endWithText(Integer.toString(v.count()));
    }
    if (d.iothreads() != null) {
      w.textElement("iothreads", d.iothreads().toString());
    }
    OsWriter.os(w, d.os());
    OsWriter.features(w, d.features());
    OsWriter.cpu(w, d.cpu());
    OsWriter.clock(w, d.clock());
    w.textElement("on_poweroff", d.onPoweroff());
    w.textElement("on_reboot", d.onReboot());
    w.textElement("on_crash", d.onCrash());
    if (d.pm() != null) {
      w.start("pm");
      if (d.pm().suspendToMem() != null) {
        w.start("suspend-to-mem").yesNo("enabled", d.pm().suspendToMem()).end();
      }
      if (d.pm().suspendToDisk() != null) {
        w.start("suspend-to-disk").yesNo("enabled", d.pm().suspendToDisk()).end();
      }
      w.end();
    }
    DeviceWriter.devices(w, d.devices());
    w.end();
    return w.finish();
  }

  private static void memoryBacking(XmlOutput w, MemoryBacking m) {
    if (m == null) {
      return;
    }
    w.start("memoryBacking");
    w.flag("hugepages", m.hugepages());
    w.flag("nosharepages", m.nosharepages());
    w.flag("locked", m.locked());
    if (m.sourceType() != null) {
      w.start("source").attr("type", m.sourceType()).end();
    }
    if (m.accessMode() != null) {
      w.start("access").attr("mode", m.accessMode()).end();
    }
    if (m.allocationMode() != null) {
      w.start("allocation").attr("mode", m.allocationMode()).end();
    }
    w.flag("discard", m.discard());
    w.end();
  }
}
