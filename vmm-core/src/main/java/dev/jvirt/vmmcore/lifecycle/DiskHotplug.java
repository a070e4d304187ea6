package dev.jvirt.vmmcore.lifecycle;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.jvirt.domainxml.domain.Devices;
import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.qmpclient.QmpEvent;
import dev.jvirt.qmpclient.QmpEventListener;
import dev.jvirt.qmpclient.QmpSubscription;
import dev.jvirt.vmmcore.GuestControlException;
import dev.jvirt.vmmcore.InvalidArgumentException;
import dev.jvirt.vmmcore.host.DiskAccess;
import dev.jvirt.vmmcore.host.HostBackends;
import dev.jvirt.vmmcore.host.Prepared;
import dev.jvirt.vmmcore.host.StorageBackend;
import dev.jvirt.vmmcore.qemu.argv.Backend;
import dev.jvirt.vmmcore.qemu.argv.CommandLineBuilder;
import dev.jvirt.vmmcore.qemu.argv.CommandLineException;
import dev.jvirt.vmmcore.qemu.argv.CommandLinePlan;
import dev.jvirt.vmmcore.qemu.argv.DeviceIds;
import dev.jvirt.vmmcore.qemu.argv.DeviceSpec;
import dev.jvirt.vmmcore.qemu.argv.LaunchOptions;
import dev.jvirt.vmmcore.qemu.argv.QmpCommand;
import dev.jvirt.vmmcore.store.RuntimeStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disk hotplug into a running guest (attach-disk, attach-device of a {@code <disk>}) and unplug:
 * the disk joins the live definition (defaults filled, validated with the rest), a volume is
 * resolved by the storage backend as at start, and the QMP commands are the command line's own
 * JSON for that disk ({@link CommandLinePlan#hotplug}: {@code blockdev-add} each node, then
 * {@code device_add}). Unplug is {@code device_del}, QEMU's {@code DEVICE_DELETED}, then
 * {@code blockdev-del} of its nodes newest first. The live XML on disk follows, for a takeover.
 */
public final class DiskHotplug {
    private static final Logger log = LoggerFactory.getLogger(DiskHotplug.class);
    private static final long QMP_SECONDS = 30;
    private final GuestStarter starter;
    private final CommandLineBuilder commandLine;
    private final HostBackends backends;
    private final RuntimeStore runtime;
    private final DomainDefinitions definitions;
    private final Duration busyWait;
    private final Duration unplugWait;

    public DiskHotplug(GuestStarter starter, CommandLineBuilder commandLine, HostBackends backends, RuntimeStore runtime,
                       DomainDefinitions definitions, Duration busyWait, Duration unplugWait) {
        this.starter = starter;
        this.commandLine = commandLine;
        this.backends = backends;
        this.runtime = runtime;
        this.definitions = definitions;
        this.busyWait = busyWait;
        this.unplugWait = unplugWait;
    }

    /** The disk as it joins {@code def}: defaults filled and validated with the whole definition. */
    public static Domain withDisk(Domain def, Disk disk) {
        if (disk.target() == null || disk.target().dev() == null) {
            throw new InvalidArgumentException("the disk has no <target dev>");
        }
        for (Disk d : def.devices().disks()) {
            if (d.target() != null && disk.target().dev().equals(d.target().dev())) {
                throw new InvalidArgumentException("target " + disk.target().dev() + " already exists in domain '"
                        + def.name() + "'");
            }
        }
        Devices.Builder b = def.devices().toBuilder();
        b.disks = new ArrayList<>(b.disks);
        b.disks.add(disk);
        // through the text form: parse → defaults (the disk's bus and PCI slot) → validate, as a define
        return DomainXml.load(DomainXml.format(def.withDevices(b.build())), "the definition with the new disk");
    }

    /** {@code def} without the disk of target {@code dev}. */
    public static Domain withoutDisk(Domain def, String dev) {
        Devices.Builder b = def.devices().toBuilder();
        b.disks = new ArrayList<>(b.disks.stream().filter(d -> d.target() == null || !dev.equals(d.target().dev())).toList());
        if (b.disks.size() == def.devices().disks().size()) {
            throw new InvalidArgumentException("no disk with target " + dev + " in domain '" + def.name() + "'");
        }
        return def.withDevices(b.build());
    }

    /** The disk of target {@code dev} in {@code def}, or null. */
    public static Disk disk(Domain def, String dev) {
        return def.devices().disks().stream().filter(d -> d.target() != null && dev.equals(d.target().dev())).findFirst()
                .orElse(null);
    }

    /** Hot-plugs {@code disk} into the running domain; answers the new live definition. */
    public Domain attach(DomainEntry e, Disk disk) {
        try (OperationLock.Held held = e.acquire(Operation.ATTACH_DEVICE, busyWait)) {
            Operation.ATTACH_DEVICE.check(e.name(), e.status());
            RunningGuest g = e.guest();
            Domain live = g.live();
            Domain next = withDisk(live, disk);
            Disk added = disk(next, disk.target().dev());
            Prepared<StorageBackend.Volume> volume = null;
            Disk resolved = added;
            if (added.source() != null && added.source().pool() != null) {
                StorageBackend storage = backends.storage().orElseThrow(() -> new InvalidArgumentException(
                        "a volume disk needs jvirtd's storage pools, which this hypervisor has not"));
                try {
                    volume = storage.prepare(e.name(), added.source().pool(), added.source().volume());
                } catch (RuntimeException ex) {
                    throw ex;
                } catch (Exception ex) {
                    throw new GuestControlException("cannot prepare volume '" + added.source().volume() + "' of pool '"
                            + added.source().pool() + "': " + ex.getMessage(), ex);
                }
                resolved = HostPreparation.resolved(added, volume.value());
            }
            Prepared.Release access = null;
            try {
                access = grantAccess(live, resolved);
                DeviceSpec spec = spec(g, next, resolved);
                plug(g, e.name(), spec);
            } catch (RuntimeException ex) {
                release(access, e.name());
                release(volume == null ? null : volume.release(), e.name());
                throw ex;
            }
            Prepared.Release both = both(access, volume == null ? null : volume.release());
            if (both != null) {
                g.hotplugged(added.target().dev(), both);
            }
            commitLive(g, next);
            log.info("domain {}: disk {} attached", e.name(), added.target().dev());
            return next;
        }
    }

    /** Unplugs the disk of target {@code dev}; false when QEMU has not finished within the wait (the guest may still let go). */
    public boolean detach(DomainEntry e, String dev) {
        try (OperationLock.Held held = e.acquire(Operation.DETACH_DEVICE, busyWait)) {
            Operation.DETACH_DEVICE.check(e.name(), e.status());
            RunningGuest g = e.guest();
            Domain live = g.live();
            Disk d = disk(live, dev);
            if (d == null) {
                throw new InvalidArgumentException("no disk with target " + dev + " in domain '" + e.name() + "'");
            }
            Prepared.Release lease = g.unplugged(dev);
            Disk forPlan = d.source() != null && d.source().pool() != null ? placeholder(d) : d;
            DeviceSpec spec = spec(g, live, forPlan);
            CompletableFuture<Void> deleted = new CompletableFuture<>();
            QmpSubscription sub = g.qmp().subscribe(new QmpEventListener() {
                @Override
                public void onEvent(QmpEvent event) {
                    if (event.name().equals("DEVICE_DELETED") && spec.id().equals(event.data().path("device").asText())) {
                        deleted.complete(null);
                    }
                }

                @Override
                public void onConnectionLost(dev.jvirt.qmpclient.QmpConnectionLostException cause) {
                    deleted.completeExceptionally(cause);
                }
            });
            boolean late = false;
            try {
                qmp(g, e.name(), "device_del", JsonNodeFactory.instance.objectNode().put("id", spec.id()));
                try {
                    deleted.get(unplugWait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException ex) {
                    if (lease != null) {
                        g.hotplugged(dev, lease);
                    }
                    late = true;
                    finishWhenDeleted(e, g, dev, spec, deleted, sub);
                    return false;
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new GuestControlException("interrupted while waiting for the guest to release " + dev, ex);
                } catch (ExecutionException ex) {
                    throw new GuestControlException("QEMU went away while " + dev + " was being detached", ex);
                }
            } finally {
                if (!late) {
                    closeQuietly(sub);
                }
            }
            finish(g, e.name(), dev, spec, lease);
            return true;
        }
    }

    /**
     * The guest had not let go within the wait: when its {@code DEVICE_DELETED} comes later, the
     * disk's nodes and lease go and the live definition loses it then (under the domain's lock, on
     * a thread of its own: never on QMP's event loop). A guest that stops first ends it all anyway.
     */
    private void finishWhenDeleted(DomainEntry e, RunningGuest g, String dev, DeviceSpec spec,
                                   CompletableFuture<Void> deleted, QmpSubscription sub) {
        deleted.whenComplete((ok, failed) -> {
            closeQuietly(sub);
            if (failed != null) {
                return;
            }
            Thread t = new Thread(() -> {
                try (OperationLock.Held held = e.acquire(Operation.DETACH_DEVICE, Duration.ofSeconds(60))) {
                    if (e.guest() != g || disk(g.live(), dev) == null) {
                        return; // stopped (or restarted) meanwhile, or already finished by a second detach
                    }
                    finish(g, e.name(), dev, spec, g.unplugged(dev));
                    log.info("domain {}: disk {} let go by the guest after the detach had answered", e.name(), dev);
                } catch (RuntimeException ex) {
                    log.warn("domain {}: finishing the late detach of {} failed: {}", e.name(), dev, ex.toString());
                }
            }, "late-unplug-" + e.name());
            t.setDaemon(true);
            t.start();
        });
    }

    /** After the guest let go: the disk's nodes deleted newest first, its host side given back, the live definition without it. */
    private void finish(RunningGuest g, String domain, String dev, DeviceSpec spec, Prepared.Release lease) {
        List<Backend> nodes = new ArrayList<>(spec.backends());
        java.util.Collections.reverse(nodes);
        for (Backend b : nodes) {
            if (b instanceof Backend.Blockdev bd) {
                try {
                    qmp(g, domain, "blockdev-del", JsonNodeFactory.instance.objectNode().put("node-name", bd.nodeName()));
                } catch (GuestControlException ex) {
                    log.warn("domain {}: blockdev-del {} after unplug: {}", domain, bd.nodeName(), ex.getMessage());
                }
            }
        }
        release(lease, domain);
        commitLive(g, withoutDisk(g.live(), dev));
        log.info("domain {}: disk {} detached", domain, dev);
    }

    /**
     * The disk's device as the command line of {@code def} has it. Other volume disks stand in as
     * files (their nodes are not used), interfaces are left out (their TAPs are not this call's):
     * neither changes a disk's properties, which depend on the disk, its address and the boot order.
     */
    private DeviceSpec spec(RunningGuest g, Domain def, Disk target) {
        Devices.Builder b = def.devices().toBuilder();
        List<Disk> disks = new ArrayList<>();
        for (Disk d : def.devices().disks()) {
            boolean isTarget = d.target() != null && d.target().dev().equals(target.target().dev());
            disks.add(isTarget ? target : d.source() != null && d.source().pool() != null ? placeholder(d) : d);
        }
        b.disks = disks;
        b.interfaces = List.of();
        Domain forPlan = def.withDevices(b.build());
        StartPlan plan = starter.plan(forPlan);
        try {
            CommandLinePlan cmd = commandLine.plan(forPlan, plan.capabilities(), g.paths(), LaunchOptions.defaults());
            return cmd.device(DeviceIds.disk(target)).orElseThrow(() -> new InvalidArgumentException(
                    "disk " + target.target().dev() + " makes no device on the command line"));
        } catch (CommandLineException ex) {
            throw new InvalidArgumentException("cannot hot-plug disk " + target.target().dev() + ": " + ex.getMessage());
        }
    }

    /** QEMU's user given the disk's image where the host needs that (system mode); null where nothing was done. */
    private Prepared.Release grantAccess(Domain live, Disk disk) {
        DiskAccess access = backends.diskAccess().orElse(null);
        String file = disk.source() == null ? null : disk.source().file() != null ? disk.source().file() : disk.source().dev();
        if (access == null || file == null) {
            return null;
        }
        try {
            return access.grant(live, java.nio.file.Path.of(file), disk.readonly() || "cdrom".equals(disk.device()));
        } catch (RuntimeException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new GuestControlException("cannot give disk image " + file + " to the QEMU of domain '" + live.name()
                    + "': " + ex.getMessage(), ex);
        }
    }

    /** One release for a hot-plugged disk's host side: its access first, then its volume lease. */
    private static Prepared.Release both(Prepared.Release access, Prepared.Release lease) {
        if (access == null || lease == null) {
            return access != null ? access : lease;
        }
        return () -> {
            try {
                access.release();
            } finally {
                lease.release();
            }
        };
    }

    private static Disk placeholder(Disk d) {
        return HostPreparation.resolved(d, new StorageBackend.Volume("/nonexistent/volume-" + d.source().volume(), false,
                d.driver() != null && d.driver().type() != null ? d.driver().type() : "raw"));
    }

    /** Runs the hotplug commands; a failure deletes the nodes already added, newest first. */
    private static void plug(RunningGuest g, String domain, DeviceSpec spec) {
        List<String> added = new ArrayList<>();
        try {
            for (QmpCommand c : spec.hotplug()) {
                qmp(g, domain, c.execute(), c.arguments());
                if (c.execute().equals("blockdev-add")) {
                    added.add(c.arguments().path("node-name").asText());
                }
            }
        } catch (RuntimeException ex) {
            java.util.Collections.reverse(added);
            for (String node : added) {
                try {
                    qmp(g, domain, "blockdev-del", JsonNodeFactory.instance.objectNode().put("node-name", node));
                } catch (RuntimeException undo) {
                    log.warn("domain {}: cannot remove node {} after a failed hotplug: {}", domain, node, undo.getMessage());
                }
            }
            throw ex;
        }
    }

    private static void qmp(RunningGuest g, String domain, String command, com.fasterxml.jackson.databind.node.ObjectNode args) {
        try {
            g.qmp().execute(command, args).get(QMP_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException ex) {
            Throwable c = ex.getCause() == null ? ex : ex.getCause();
            throw new GuestControlException(command + " on domain '" + domain + "' failed: " + c.getMessage(), c);
        } catch (TimeoutException ex) {
            throw new GuestControlException(command + " on domain '" + domain + "': QEMU did not answer within " + QMP_SECONDS + " s", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new GuestControlException("interrupted during " + command + " on domain '" + domain + "'", ex);
        }
    }

    private void commitLive(RunningGuest g, Domain next) {
        g.live(next);
        try {
            runtime.writeLiveXml(g.paths(), definitions.format(next));
        } catch (RuntimeException | java.io.IOException ex) {
            log.warn("cannot write {}: {}; a restarted jvirtd sees the definition from before the change",
                    g.paths().liveXml(), ex.toString());
        }
    }

    private static void release(Prepared.Release r, String domain) {
        if (r == null) {
            return;
        }
        try {
            r.release();
        } catch (Exception ex) {
            log.warn("domain {}: releasing a disk's host side failed: {}", domain, ex.toString());
        }
    }

    private static void closeQuietly(QmpSubscription s) {
        try {
            s.close();
        } catch (Exception ex) {
            // nothing to do
        }
    }
}
