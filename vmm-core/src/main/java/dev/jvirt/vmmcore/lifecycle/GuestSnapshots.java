package dev.jvirt.vmmcore.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainSnapshot;
import dev.jvirt.domainxml.domain.DomainSnapshot.SnapshotDisk;
import dev.jvirt.vmmcore.DomainEvent.Kind;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.GuestControlException;
import dev.jvirt.vmmcore.host.DiskAccess;
import dev.jvirt.vmmcore.InvalidArgumentException;
import dev.jvirt.vmmcore.StartFailedException;
import dev.jvirt.vmmcore.StateReason;
import dev.jvirt.vmmcore.VmmException;
import dev.jvirt.vmmcore.qemu.QemuImg;
import dev.jvirt.vmmcore.store.RuntimeStore;
import dev.jvirt.vmmcore.store.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Domain snapshots. Internal with memory while the domain is active: QMP {@code snapshot-save} /
 * {@code snapshot-load} / {@code snapshot-delete} jobs on its qcow2 disks (the memory goes into
 * the first). Internal, disk only, while it is shut off: {@code qemu-img snapshot}. External,
 * disk only ({@code --disk-only}): a qcow2 overlay made by qemu-img over each disk, stacked with
 * {@code blockdev-add} + {@code blockdev-snapshot} while it runs; deleting one commits the overlay
 * back ({@code block-commit}, or {@code qemu-img commit} while shut off). Metadata in
 * {@link SnapshotStore}. Operations that change the stored definition answer it; the facade
 * defines it after the domain's lock is let go.
 */
public final class GuestSnapshots {
    private static final Logger log = LoggerFactory.getLogger(GuestSnapshots.class);
    private final SnapshotStore store;
    private final GuestStarter starter;
    private final DomainRegistry registry;
    private final GuestEventHandler guestEvents;
    private final StatusKeeper status;
    private final GuestTeardown teardown;
    private final RuntimeStore runtime;
    private final DomainDefinitions definitions;
    private final DomainJobs jobs;
    private final Duration busyWait;
    private final Duration grace;
    private final DiskAccess access;

    public GuestSnapshots(SnapshotStore store, GuestStarter starter, DomainRegistry registry, GuestEventHandler guestEvents,
                          StatusKeeper status, GuestTeardown teardown, RuntimeStore runtime, DomainDefinitions definitions,
                          DomainJobs jobs, Duration busyWait, Duration grace, DiskAccess access) {
        this.access = access;
        this.store = store;
        this.starter = starter;
        this.registry = registry;
        this.guestEvents = guestEvents;
        this.status = status;
        this.teardown = teardown;
        this.runtime = runtime;
        this.definitions = definitions;
        this.jobs = jobs;
        this.busyWait = busyWait;
        this.grace = grace;
    }

    /** A snapshot made or changed, and the domain's new stored definition when it changed (null: unchanged). */
    public record Outcome(DomainSnapshot snapshot, Domain persistent) {
    }

    public SnapshotStore store() {
        return store;
    }

    /** Takes snapshot {@code req} (name, description; null name: the time); {@code diskOnly}: external overlays. */
    public Outcome create(DomainEntry e, DomainSnapshot req, boolean diskOnly, boolean noMetadata) {
        try (OperationLock.Held held = e.acquire(Operation.SNAPSHOT, busyWait);
             DomainJobs.Job job = jobs.start(e.name(), "Snapshot")) {
            Operation.SNAPSHOT.check(e.name(), e.status());
            long now = System.currentTimeMillis() / 1000;
            String name = req.name() != null ? req.name() : Long.toString(now);
            if (store.find(e.name(), name).isPresent()) {
                throw new InvalidArgumentException("domain snapshot '" + name + "' already exists");
            }
            RunningGuest g = e.guest();
            Domain def = g != null ? g.live() : e.persistent();
            List<Disk> disks = SnapshotDisks.of(def);
            boolean external = diskOnly || req.isExternal();
            Domain persistent = null;
            String state;
            String memory;
            List<SnapshotDisk> taken = new ArrayList<>();
            try {
                if (external) {
                    Domain live = def;
                    Domain stored = e.persistent();
                    List<JsonNode> nodes = g != null ? SnapshotDisks.nodes(g, e.name(), disks) : null;
                    for (int i = 0; i < disks.size(); i++) {
                        Disk d = disks.get(i);
                        Path overlay = overlay(req, d, name);
                        SnapshotDisks.createOverlay(d, overlay, g != null ? nodes.get(i).path("image").path("virtual-size").asLong() : -1);
                        if (g != null) {
                            grant(live, overlay); // QEMU's user must write the new top image (system mode)
                            SnapshotDisks.stack(g, e.name(), nodes.get(i).path("node-name").asText(), overlay,
                                    "snap-" + d.target().dev() + "-" + now);
                            live = SnapshotDisks.withSource(live, d.target().dev(), overlay.toString(), "qcow2");
                        }
                        if (stored != null) {
                            stored = SnapshotDisks.withSource(stored, d.target().dev(), overlay.toString(), "qcow2");
                        }
                        taken.add(new SnapshotDisk(d.target().dev(), "external", overlay.toString(), "qcow2"));
                    }
                    if (g != null) {
                        commitLive(g, live);
                    }
                    persistent = stored;
                    state = g == null ? "shutoff" : "disk-snapshot";
                    memory = "no";
                } else if (g != null) {
                    SnapshotDisks.requireQcow2(disks);
                    List<String> nodes = SnapshotDisks.nodeNames(SnapshotDisks.nodes(g, e.name(), disks));
                    ObjectNode args = QmpCalls.args().put("tag", name).put("vmstate", nodes.get(0));
                    args.set("devices", SnapshotDisks.array(nodes));
                    QemuJobs.run(g, e.name(), "snapshot-save", args, "jvirt-snapshot-save", job);
                    state = e.status().state() == DomainState.RUNNING ? "running" : "paused";
                    memory = "internal";
                    disks.forEach(d -> taken.add(new SnapshotDisk(d.target().dev(), "internal", null, null)));
                } else {
                    SnapshotDisks.requireQcow2(disks);
                    for (Disk d : disks) {
                        QemuImg.run("snapshot", "-c", name, d.source().file());
                    }
                    state = "shutoff";
                    memory = "no";
                    disks.forEach(d -> taken.add(new SnapshotDisk(d.target().dev(), "internal", null, null)));
                }
                job.succeeded();
            } catch (IOException ex) {
                job.failed(ex.getMessage());
                throw new GuestControlException("cannot snapshot domain '" + e.name() + "': " + ex.getMessage(), ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new GuestControlException("interrupted while taking snapshot '" + name + "'", ex);
            } catch (VmmException ex) {
                job.failed(ex.getMessage());
                throw ex;
            }
            DomainSnapshot s = new DomainSnapshot(name, req.description(), state, now, store.current(e.name()).orElse(null),
                    memory, taken, def);
            if (!noMetadata) {
                try {
                    store.write(e.name(), s);
                    store.current(e.name(), name);
                } catch (IOException ex) {
                    throw new GuestControlException("snapshot '" + name + "' was taken but its metadata not written: " + ex.getMessage(), ex);
                }
            }
            log.info("domain '{}': snapshot '{}' taken ({}, memory {})", e.name(), name, external ? "external" : "internal", memory);
            return new Outcome(s, persistent);
        }
    }

    /**
     * The overlay given to the running QEMU's user as a hot-plugged image is; it stays its for this
     * run (given back with the domain's other images when it stops, and handed over again at the next
     * start as the disk it now is).
     */
    private void grant(Domain live, Path overlay) {
        if (access == null) {
            return;
        }
        try {
            access.grant(live, overlay, false);
        } catch (RuntimeException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new GuestControlException("cannot give the overlay " + overlay + " to the QEMU of domain '" + live.name()
                    + "': " + ex.getMessage(), ex);
        }
    }

    private static Path overlay(DomainSnapshot req, Disk d, String name) {
        for (SnapshotDisk sd : req.disks()) {
            if (sd.name().equals(d.target().dev()) && sd.source() != null) {
                return Path.of(sd.source());
            }
        }
        return SnapshotDisks.overlayPath(d, name);
    }

    /**
     * Reverts to snapshot {@code name}: with memory, the guest continues from it (started if shut
     * off); disk-only internal, the disks go back and the domain is shut off. {@code running}
     * true/false forces running or paused afterwards; null: the snapshot's state.
     */
    public void revert(DomainEntry e, String name, Boolean running) {
        DomainSnapshot s = require(e, name);
        if (s.isExternal()) {
            throw new InvalidArgumentException("revert to external snapshot '" + name + "' is not supported yet (as in libvirt 9.0); "
                    + "delete it to commit its overlays, or take internal snapshots to revert to");
        }
        try (OperationLock.Held held = e.acquire(Operation.SNAPSHOT_REVERT, busyWait);
             DomainJobs.Job job = jobs.start(e.name(), "Snapshot revert")) {
            Operation.SNAPSHOT_REVERT.check(e.name(), e.status());
            List<Disk> disks = SnapshotDisks.of(e.current());
            try {
                if (s.hasMemory()) {
                    boolean resume = running != null ? running : "running".equals(s.state());
                    RunningGuest g = e.guest();
                    if (g != null) {
                        GuestControl.stop(g, e.name());
                        load(g, e.name(), name, disks, job);
                        if (resume) {
                            GuestControl.cont(g, e.name());
                        }
                        status.set(e, resume ? DomainState.RUNNING : DomainState.PAUSED, StateReason.FROM_SNAPSHOT, null);
                    } else {
                        startFrom(e, name, disks, job, resume);
                    }
                } else {
                    RunningGuest g = e.guest();
                    if (g != null) {
                        g.exitReason(StateReason.FROM_SNAPSHOT);
                        g.process().stop(grace, g::hasExited);
                        teardown.finish(e, g, StateReason.FROM_SNAPSHOT);
                    }
                    for (Disk d : disks) {
                        QemuImg.run("snapshot", "-a", name, d.source().file());
                    }
                    if (Boolean.TRUE.equals(running)) {
                        startFrom(e, null, disks, job, true);
                    }
                }
                job.succeeded();
                store.current(e.name(), name);
            } catch (IOException ex) {
                job.failed(ex.getMessage());
                throw new GuestControlException("cannot revert domain '" + e.name() + "' to snapshot '" + name + "': "
                        + ex.getMessage(), ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new GuestControlException("interrupted while reverting to snapshot '" + name + "'", ex);
            } catch (VmmException ex) {
                job.failed(ex.getMessage());
                throw ex;
            }
        }
        log.info("domain '{}': reverted to snapshot '{}'", e.name(), name);
    }

    private static void load(RunningGuest g, String domain, String name, List<Disk> disks, DomainJobs.Job job)
            throws InterruptedException {
        List<String> nodes = SnapshotDisks.nodeNames(SnapshotDisks.nodes(g, domain, disks));
        ObjectNode args = QmpCalls.args().put("tag", name).put("vmstate", nodes.get(0));
        args.set("devices", SnapshotDisks.array(nodes));
        QemuJobs.run(g, domain, "snapshot-load", args, "jvirt-snapshot-load", job);
    }

    /** Starts the shut-off domain with its CPUs stopped and (when {@code name}) the snapshot's memory loaded. */
    private void startFrom(DomainEntry e, String name, List<Disk> disks, DomainJobs.Job job, boolean resume) {
        GuestStarter.Incoming hook = new GuestStarter.Incoming() {
            @Override
            public void receive(RunningGuest g) throws InterruptedException {
                if (name != null) {
                    load(g, e.name(), name, disks, job);
                }
            }

            @Override
            public boolean migrationStream() {
                return false;
            }
        };
        try {
            starter.start(starter.prepare(e.persistent()), registry.nextId(), e, !resume, guestEvents::watch, hook);
        } catch (StartFailedException ex) {
            e.deactivate(dev.jvirt.vmmcore.DomainStatus.of(DomainState.SHUTOFF, StateReason.FAILED));
            throw ex;
        }
        status.set(e, resume ? DomainState.RUNNING : DomainState.PAUSED, StateReason.FROM_SNAPSHOT, null);
        status.publish(e, Kind.STARTED, StateReason.FROM_SNAPSHOT);
    }

    /**
     * Deletes snapshot {@code name} (with {@code children} its descendants too, with
     * {@code childrenOnly} only them); {@code metadataOnly} leaves the images as they are.
     * Answers the stored definition when an external snapshot's commit changed it.
     */
    public Domain delete(DomainEntry e, String name, boolean children, boolean childrenOnly, boolean metadataOnly) {
        DomainSnapshot s = require(e, name);
        try (OperationLock.Held held = e.acquire(Operation.SNAPSHOT_DELETE, busyWait);
             DomainJobs.Job job = jobs.start(e.name(), "Snapshot delete")) {
            List<DomainSnapshot> targets = new ArrayList<>();
            if (children || childrenOnly) {
                targets.addAll(SnapshotTree.descendantsLeavesFirst(store.list(e.name()), name));
            }
            if (!childrenOnly) {
                targets.add(s);
            }
            Domain persistent = null;
            try {
                for (DomainSnapshot t : targets) {
                    Domain p = metadataOnly ? null : deleteImages(e, t, job);
                    persistent = p != null ? p : persistent;
                    dropMetadata(e.name(), t);
                }
                job.succeeded();
            } catch (IOException ex) {
                job.failed(ex.getMessage());
                throw new GuestControlException("cannot delete snapshot '" + name + "' of domain '" + e.name() + "': "
                        + ex.getMessage(), ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new GuestControlException("interrupted while deleting snapshot '" + name + "'", ex);
            } catch (VmmException ex) {
                job.failed(ex.getMessage());
                throw ex;
            }
            return persistent;
        }
    }

    private Domain deleteImages(DomainEntry e, DomainSnapshot t, DomainJobs.Job job) throws IOException, InterruptedException {
        RunningGuest g = e.guest();
        if (t.isExternal()) {
            if (!SnapshotTree.children(store.list(e.name()), t.name()).isEmpty()) {
                throw new InvalidArgumentException("deletion of external snapshot '" + t.name() + "' that has children is not supported; "
                        + "delete its children first");
            }
            Domain live = g == null ? null : g.live();
            Domain stored = e.persistent();
            for (SnapshotDisk sd : t.disks()) {
                Disk base = SnapshotDisks.of(t.domain()).stream().filter(d -> d.target().dev().equals(sd.name())).findFirst()
                        .orElseThrow(() -> new InvalidArgumentException("snapshot '" + t.name() + "' has no disk " + sd.name()));
                if (g != null) {
                    Disk now = DiskHotplug.disk(live, sd.name());
                    JsonNode top = SnapshotDisks.nodes(g, e.name(), List.of(now)).get(0);
                    String node = top.path("node-name").asText();
                    QemuJobs.run(g, e.name(), "block-commit", QmpCalls.args().put("device", node).put("auto-dismiss", false),
                            "jvirt-commit-" + sd.name(), job);
                    try {
                        QmpCalls.run(g, e.name(), "blockdev-del", QmpCalls.args().put("node-name", node));
                    } catch (VmmException ex) {
                        log.debug("domain '{}': overlay node {} after the commit: {}", e.name(), node, ex.getMessage());
                    }
                    live = SnapshotDisks.withSource(live, sd.name(), base.source().file(), SnapshotDisks.format(base));
                } else {
                    QemuImg.run("commit", "-q", sd.source());
                }
                if (stored != null) {
                    stored = SnapshotDisks.withSource(stored, sd.name(), base.source().file(), SnapshotDisks.format(base));
                }
                Files.deleteIfExists(Path.of(sd.source()));
            }
            if (g != null) {
                commitLive(g, live);
            }
            return stored;
        }
        List<Disk> disks = SnapshotDisks.of(e.current());
        if (g != null) {
            List<String> nodes = SnapshotDisks.nodeNames(SnapshotDisks.nodes(g, e.name(), disks));
            ObjectNode args = QmpCalls.args().put("tag", t.name());
            args.set("devices", SnapshotDisks.array(nodes));
            QemuJobs.run(g, e.name(), "snapshot-delete", args, "jvirt-snapshot-delete", job);
        } else {
            for (Disk d : disks) {
                QemuImg.run("snapshot", "-d", t.name(), d.source().file());
            }
        }
        return null;
    }

    /** The snapshot leaves the tree: its children get its parent, and so does "current". */
    private void dropMetadata(String domain, DomainSnapshot t) throws IOException {
        for (DomainSnapshot c : SnapshotTree.children(store.list(domain), t.name())) {
            store.write(domain, c.withParent(t.parent()));
        }
        boolean wasCurrent = store.current(domain).filter(t.name()::equals).isPresent();
        store.delete(domain, t.name());
        if (wasCurrent) {
            store.current(domain, t.parent());
        }
    }

    /** Replaces a snapshot's metadata (snapshot-edit): only its description may change. */
    public DomainSnapshot redefine(DomainEntry e, DomainSnapshot edited, String name) {
        DomainSnapshot s = require(e, name);
        if (edited.name() != null && !edited.name().equals(name)) {
            throw new InvalidArgumentException("renaming snapshot '" + name + "' to '" + edited.name() + "' is not supported");
        }
        DomainSnapshot next = s.withDescription(edited.description());
        try {
            store.write(e.name(), next);
        } catch (IOException ex) {
            throw new GuestControlException("cannot write the metadata of snapshot '" + name + "': " + ex.getMessage(), ex);
        }
        return next;
    }

    public DomainSnapshot require(DomainEntry e, String name) {
        return store.find(e.name(), name).orElseThrow(() -> new InvalidArgumentException(
                "Domain snapshot not found: no domain snapshot with matching name '" + name + "'"));
    }

    private void commitLive(RunningGuest g, Domain next) {
        g.live(next);
        try {
            runtime.writeLiveXml(g.paths(), definitions.format(next));
        } catch (RuntimeException | IOException ex) {
            log.warn("cannot write {}: {}; a restarted jvirtd sees the disks from before the snapshot", g.paths().liveXml(), ex.toString());
        }
    }
}
