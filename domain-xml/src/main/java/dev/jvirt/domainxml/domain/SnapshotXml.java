package dev.jvirt.domainxml.domain;

import dev.jvirt.domainxml.xml.Node;
import dev.jvirt.domainxml.xml.XmlInput;
import dev.jvirt.domainxml.xml.XmlOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * libvirt's snapshot XML ({@code <domainsnapshot>}): parsed as written (a request from
 * snapshot-create, or stored metadata), and formatted as libvirt's snapshot-dumpxml writes it.
 */
public final class SnapshotXml {
    private static final Set<String> STATES = Set.of("running", "paused", "shutoff", "disk-snapshot", "crashed",
            "pmsuspended", "blocked", "shutdown", "nostate");
    private static final Set<String> SNAPSHOT_KINDS = Set.of("internal", "external", "no", "manual");

    private SnapshotXml() {
    }

    /**
     * Parses {@code <domainsnapshot>} XML; {@code sourceName} labels errors. Elements libvirt
     * reports but a request does not set ({@code <active>}, {@code <cookie>}) are accepted.
     *
     * @throws dev.jvirt.domainxml.DefinitionException on malformed XML, an unknown element or attribute, a bad value
     */
    public static DomainSnapshot parse(String xml, String sourceName) {
        Node n = XmlInput.parse(xml, sourceName, "domainsnapshot");
        String name = n.childText("name");
        if (name != null && (name.isEmpty() || name.contains("/"))) {
            throw n.find("/domainsnapshot/name").error("snapshot name '" + name + "' must be non-empty and have no '/'");
        }
        String description = n.childText("description");
        String state = n.childText("state");
        if (state != null && !STATES.contains(state)) {
            throw n.find("/domainsnapshot/state").error("unknown snapshot state '" + state + "'");
        }
        Node ct = n.child("creationTime");
        Long created = ct == null ? null : ct.parseLong(ct.text(), "creationTime");
        Node parent = n.child("parent");
        String parentName = parent == null ? null : parent.childText("name");
        Node mem = n.child("memory");
        String memory = null;
        if (mem != null) {
            memory = kind(mem);
            mem.attr("file");
        }
        List<DomainSnapshot.SnapshotDisk> disks = new ArrayList<>();
        Node ds = n.child("disks");
        if (ds != null) {
            for (Node d : ds.children("disk")) {
                String kind = kind(d);
                d.attr("type");
                Node src = d.child("source");
                Node drv = d.child("driver");
                disks.add(new DomainSnapshot.SnapshotDisk(d.requiredAttr("name"), kind, src == null ? null : src.attr("file"),
                        drv == null ? null : drv.attr("type")));
            }
        }
        Node active = n.child("active");
        if (active != null) {
            active.markOpaque();
        }
        Node cookie = n.child("cookie");
        if (cookie != null) {
            cookie.markOpaque();
        }
        Node dom = n.child("domain");
        Domain domain = dom == null ? null : DomainReader.read(dom);
        n.checkConsumed();
        return new DomainSnapshot(name, description, state, created, parentName, memory, disks, domain);
    }

    private static String kind(Node n) {
        String k = n.attr("snapshot");
        if (k != null && !SNAPSHOT_KINDS.contains(k)) {
            throw n.error("snapshot='" + k + "' must be internal, external or no");
        }
        return k;
    }

    /** libvirt's snapshot-dumpxml layout (two-space indent, single quotes), the domain inside. */
    public static String format(DomainSnapshot s) {
        XmlOutput w = new XmlOutput();
        w.start("domainsnapshot");
        w.textElement("name", s.name());
        w.textElement("description", s.description());
        w.textElement("state", s.state());
        if (s.parent() != null) {
            w.start("parent");
            w.textElement("name", s.parent());
            w.end();
        }
        if (s.creationTime() != null) {
            w.textElement("creationTime", s.creationTime().toString());
        }
        if (s.memory() != null) {
            w.start("memory").attr("snapshot", s.memory()).end();
        }
        if (!s.disks().isEmpty()) {
            w.start("disks");
            for (DomainSnapshot.SnapshotDisk d : s.disks()) {
                w.start("disk").attr("name", d.name()).attr("snapshot", d.snapshot())
                        .attr("type", d.source() != null ? "file" : null);
                if (d.driverType() != null) {
                    w.start("driver").attr("type", d.driverType()).end();
                }
                if (d.source() != null) {
                    w.start("source").attr("file", d.source()).end();
                }
                w.end();
            }
            w.end();
        }
        if (s.domain() != null) {
            // the definition's own canonical text, as one subtree of this document
            w.element(XmlInput.parse(DomainWriter.write(s.domain(), null, null), null, "domain").toVerbatim());
        }
        w.end();
        return w.finish();
    }
}
