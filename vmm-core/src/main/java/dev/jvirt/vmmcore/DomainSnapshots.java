package dev.jvirt.vmmcore;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainSnapshot;
import dev.jvirt.domainxml.domain.SnapshotXml;
import dev.jvirt.vmmcore.lifecycle.DomainDefiner;
import dev.jvirt.vmmcore.lifecycle.DomainDefinitions;
import dev.jvirt.vmmcore.lifecycle.DomainEntry;
import dev.jvirt.vmmcore.lifecycle.DomainRegistry;
import dev.jvirt.vmmcore.lifecycle.GuestSnapshots;
import dev.jvirt.vmmcore.lifecycle.SnapshotTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Domain snapshots (virsh snapshot-create-as, snapshot-create, snapshot-list, snapshot-info,
 * snapshot-dumpxml, snapshot-revert, snapshot-delete, snapshot-current, snapshot-parent,
 * snapshot-edit): part of the {@link Hypervisor} facade ({@link Hypervisor#snapshots()}), naming
 * domains as it does. Metadata is libvirt's snapshot XML under {@code STATE/qemu/snapshot/DOMAIN/}.
 */
public final class DomainSnapshots {
    private final DomainRegistry registry;
    private final GuestSnapshots snapshots;
    private final DomainDefiner definer;
    private final DomainDefinitions xml;

    DomainSnapshots(DomainRegistry registry, GuestSnapshots snapshots, DomainDefiner definer, DomainDefinitions xml) {
        this.registry = registry;
        this.snapshots = snapshots;
        this.definer = definer;
        this.xml = xml;
    }

    /**
     * snapshot-create-as: {@code name} null for the current time; {@code diskOnly} external
     * overlays ({@code overlays}: target → file, the rest beside their images).
     */
    public SnapshotInfo createAs(String domain, String name, String description, boolean diskOnly, boolean noMetadata,
                                 Map<String, String> overlays) {
        List<DomainSnapshot.SnapshotDisk> disks = new ArrayList<>();
        overlays.forEach((dev, file) -> disks.add(new DomainSnapshot.SnapshotDisk(dev, "external", file, "qcow2")));
        return create(registry.resolve(domain), new DomainSnapshot(name, description, null, null, null, null, disks, null),
                diskOnly, noMetadata);
    }

    /** snapshot-create from {@code <domainsnapshot>} XML (its name, description, disks; the rest is jvirtd's). */
    public SnapshotInfo create(String domain, String snapshotXml, boolean diskOnly, boolean noMetadata) {
        DomainSnapshot req = snapshotXml == null || snapshotXml.isBlank()
                ? new DomainSnapshot(null, null, null, null, null, null, List.of(), null)
                : SnapshotXml.parse(snapshotXml, "the snapshot XML");
        return create(registry.resolve(domain), req, diskOnly, noMetadata);
    }

    private SnapshotInfo create(DomainEntry e, DomainSnapshot req, boolean diskOnly, boolean noMetadata) {
        GuestSnapshots.Outcome o = snapshots.create(e, req, diskOnly, noMetadata);
        redefine(o.persistent());
        return noMetadata ? info(List.of(o.snapshot()), Optional.empty(), o.snapshot())
                : info(e.name(), o.snapshot().name());
    }

    /** The domain's snapshots, oldest first. */
    public List<SnapshotInfo> list(String domain) {
        String name = registry.resolve(domain).name();
        List<DomainSnapshot> all = snapshots.store().list(name);
        Optional<String> current = snapshots.store().current(name);
        return all.stream().map(s -> info(all, current, s)).toList();
    }

    public SnapshotInfo info(String domain, String snapshot) {
        DomainEntry e = registry.resolve(domain);
        DomainSnapshot s = snapshots.require(e, snapshot);
        return info(snapshots.store().list(e.name()), snapshots.store().current(e.name()), s);
    }

    public String xml(String domain, String snapshot) {
        return SnapshotXml.format(snapshots.require(registry.resolve(domain), snapshot));
    }

    /** The current snapshot's name, if there is one. */
    public Optional<String> current(String domain) {
        return snapshots.store().current(registry.resolve(domain).name());
    }

    /** snapshot-revert; {@code running} true/false forces the state afterwards, null: the snapshot's. */
    public void revert(String domain, String snapshot, Boolean running) {
        snapshots.revert(registry.resolve(domain), snapshot, running);
    }

    /** snapshot-delete: {@code children} with its descendants, {@code childrenOnly} them only, {@code metadataOnly} images kept. */
    public void delete(String domain, String snapshot, boolean children, boolean childrenOnly, boolean metadataOnly) {
        redefine(snapshots.delete(registry.resolve(domain), snapshot, children, childrenOnly, metadataOnly));
    }

    /** snapshot-edit: the snapshot's XML replaced by {@code snapshotXml} (its description may change). */
    public SnapshotInfo edit(String domain, String snapshot, String snapshotXml) {
        DomainEntry e = registry.resolve(domain);
        snapshots.redefine(e, SnapshotXml.parse(snapshotXml, "the edited snapshot XML"), snapshot);
        return info(e.name(), snapshot);
    }

    /** Undefine's check: a domain with snapshot metadata is refused, as libvirt refuses it. */
    void refuseUndefine(String name) {
        int n = snapshots.store().list(name).size();
        if (n > 0) {
            throw new InvalidArgumentException("cannot undefine domain '" + name + "' with " + n + " snapshot"
                    + (n == 1 ? "" : "s") + ": delete them first (snapshot-delete --metadata keeps their images)");
        }
    }

    private void redefine(Domain persistent) {
        if (persistent != null) {
            definer.define(xml.format(persistent), false);
        }
    }

    private static SnapshotInfo info(List<DomainSnapshot> all, Optional<String> current, DomainSnapshot s) {
        return new SnapshotInfo(s.name(), s.description(), s.state(), s.creationTime() == null ? 0 : s.creationTime(),
                s.parent(), current.filter(s.name()::equals).isPresent(), s.isExternal() ? "external" : "internal",
                SnapshotTree.children(all, s.name()).size(), SnapshotTree.descendantCount(all, s.name()));
    }
}
