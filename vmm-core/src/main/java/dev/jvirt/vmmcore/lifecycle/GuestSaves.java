package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.vmmcore.DomainConflictException;
import dev.jvirt.vmmcore.DomainEvent.Kind;
import dev.jvirt.vmmcore.DomainState;
import dev.jvirt.vmmcore.DomainStatus;
import dev.jvirt.vmmcore.GuestControlException;
import dev.jvirt.vmmcore.InvalidArgumentException;
import dev.jvirt.vmmcore.StartFailedException;
import dev.jvirt.vmmcore.StateReason;
import dev.jvirt.vmmcore.VmmException;
import dev.jvirt.vmmcore.store.SaveImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Save and restore (virsh save, restore, managedsave, start of a managed save): the guest's
 * CPUs stop, its live definition goes into a {@link SaveImage} header and QEMU's migration
 * stream after it ({@link GuestMigration}), then QEMU ends (shut off, saved). A restore starts
 * QEMU with {@code -incoming defer} from the image's definition and loads the stream before the
 * CPUs run (running, restored). A failed save deletes the file and lets the guest go on.
 */
public final class GuestSaves {
    private static final Logger log = LoggerFactory.getLogger(GuestSaves.class);
    private final DomainRegistry registry;
    private final GuestStarter starter;
    private final GuestTeardown teardown;
    private final GuestEventHandler guestEvents;
    private final StatusKeeper status;
    private final DomainDefinitions definitions;
    private final DomainJobs jobs;
    private final Path managedDir;
    private final Duration busyWait;
    private final Duration grace;

    public GuestSaves(DomainRegistry registry, GuestStarter starter, GuestTeardown teardown, GuestEventHandler guestEvents,
                      StatusKeeper status, DomainDefinitions definitions, DomainJobs jobs, Path managedDir,
                      Duration busyWait, Duration grace) {
        this.registry = registry;
        this.starter = starter;
        this.teardown = teardown;
        this.guestEvents = guestEvents;
        this.status = status;
        this.definitions = definitions;
        this.jobs = jobs;
        this.managedDir = managedDir;
        this.busyWait = busyWait;
        this.grace = grace;
    }

    /** Where the managed save of domain {@code name} is kept ({@code STATE/qemu/save/NAME.save}, as libvirt's). */
    public Path managedPath(String name) {
        return managedDir.resolve(name + ".save");
    }

    public boolean hasManagedSave(DomainEntry e) {
        return Files.isRegularFile(managedPath(e.name()));
    }

    /**
     * Saves the active domain to {@code file} and stops it. {@code xml}: another definition to
     * store (same name and UUID), or null for the live one; {@code running}: the state a restore
     * gives it (null: the state it had).
     */
    public void save(DomainEntry e, Path file, String xml, Boolean running) {
        try (OperationLock.Held held = e.acquire(Operation.SAVE, busyWait)) {
            Operation.SAVE.check(e.name(), e.status());
            saveLocked(e, file, xml, running);
        }
    }

    /** {@link #save} into the managed save file (virsh managedsave); the domain must be persistent. */
    public void managedSave(DomainEntry e, Boolean running) {
        if (!e.isPersistent()) {
            throw new InvalidArgumentException("cannot do managed save for transient domain '" + e.name() + "'");
        }
        try {
            Files.createDirectories(managedDir);
        } catch (IOException ex) {
            throw new GuestControlException("cannot create " + managedDir + ": " + ex.getMessage(), ex);
        }
        save(e, managedPath(e.name()), null, running);
    }

    /** Removes the managed save; false when there was none. */
    public boolean removeManagedSave(DomainEntry e) {
        try (OperationLock.Held held = e.acquire(Operation.RESTORE, busyWait)) {
            return Files.deleteIfExists(managedPath(e.name()));
        } catch (IOException ex) {
            throw new GuestControlException("cannot remove the managed save image of domain '" + e.name() + "': "
                    + ex.getMessage(), ex);
        }
    }

    private void saveLocked(DomainEntry e, Path file, String xml, Boolean running) {
        String name = e.name();
        RunningGuest g = e.guest();
        boolean wasRunning = e.status().state() == DomainState.RUNNING;
        String stored = xml == null ? definitions.format(g.live()) : checked(e, xml);
        if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            throw new InvalidArgumentException("cannot save domain '" + name + "' to '" + file + "': its directory "
                    + file.getParent() + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidArgumentException("cannot save domain '" + name + "' to '" + file + "': it is a directory");
        }
        try (DomainJobs.Job job = jobs.start(name, "Save")) {
            try {
                if (wasRunning) {
                    GuestControl.stop(g, name);
                }
                SaveImage.create(file, stored, running != null ? running : wasRunning);
                GuestMigration.saveTo(g, name, file, job);
                SaveImage.markComplete(file);
                job.succeeded();
            } catch (IOException | VmmException | InterruptedException ex) {
                if (ex instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                job.failed(ex.getMessage());
                deleteQuietly(file);
                if (wasRunning) {
                    try {
                        GuestControl.cont(g, name);
                    } catch (VmmException again) {
                        log.warn("domain '{}': not resumed after the failed save: {}", name, again.getMessage());
                    }
                }
                if (ex instanceof VmmException v) {
                    throw v;
                }
                throw new GuestControlException("cannot save domain '" + name + "' to '" + file + "': " + ex.getMessage(), ex);
            }
        }
        g.exitReason(StateReason.SAVED);
        GuestControl.quit(g);
        g.process().stop(grace, g::hasExited);
        teardown.finish(e, g, StateReason.SAVED);
        log.info("domain '{}' saved to {}", name, file);
    }

    private String checked(DomainEntry e, String xml) {
        Domain d = definitions.complete(definitions.parse(xml, "the save XML"), e.current().uuid());
        if (!d.name().equals(e.name())) {
            throw new InvalidArgumentException("the XML names domain '" + d.name() + "', not '" + e.name() + "'");
        }
        return definitions.format(d);
    }

    /**
     * Starts the domain the image of {@code file} holds, from its state: an existing domain of
     * that name (shut off, same UUID), else a new transient one. {@code paused}: null for the
     * state the image says.
     */
    public DomainEntry restore(Path file, String xml, Boolean paused) {
        SaveImage img = SaveImage.readComplete(file);
        Domain def = definitions.complete(definitions.parse(xml != null ? xml : img.xml(), "the save image's XML"), null);
        DomainEntry e = registry.find(def.name()).filter(x -> x.current() != null).orElse(null);
        if (e == null) {
            DomainEntry created = registry.create(def.name()).orElseThrow(() -> new DomainConflictException(
                    "domain '" + def.name() + "' is being defined; try again"));
            try (OperationLock.Held held = created.acquire(Operation.RESTORE, busyWait)) {
                try {
                    registry.claimUuid(created, def.uuid());
                    launch(created, def, file, img, paused, "Restore");
                } catch (RuntimeException ex) {
                    registry.remove(created);
                    throw ex;
                }
            }
            return created;
        }
        try (OperationLock.Held held = e.acquire(Operation.RESTORE, busyWait)) {
            Operation.RESTORE.check(e.name(), e.status());
            if (def.uuid() != null && !def.uuid().equalsIgnoreCase(e.current().uuid())) {
                throw new DomainConflictException("domain '" + def.name() + "' already exists with uuid " + e.current().uuid()
                        + "; the save image's has uuid " + def.uuid());
            }
            launch(e, def, file, img, paused, "Restore");
        }
        return e;
    }

    /**
     * Starts a domain that has a managed save from it (the start of virsh start), then removes
     * the image. An image that cannot be read is removed and the domain boots afresh, as libvirt
     * does with a corrupt one; false means it did that (the caller starts it normally).
     */
    public boolean startManaged(DomainEntry e, boolean paused) {
        Path file = managedPath(e.name());
        try (OperationLock.Held held = e.acquire(Operation.RESTORE, busyWait)) {
            Operation.START.check(e.name(), e.status());
            SaveImage img;
            Domain def;
            try {
                img = SaveImage.readComplete(file);
                def = definitions.complete(definitions.parse(img.xml(), "the managed save's XML"), e.current().uuid());
            } catch (VmmException | dev.jvirt.domainxml.DefinitionException ex) {
                log.warn("domain '{}': ignoring the managed save image {} ({}); booting afresh", e.name(), file, ex.getMessage());
                deleteQuietly(file);
                return false;
            }
            launch(e, def, file, img, paused ? Boolean.TRUE : null, "Restore");
            deleteQuietly(file);
            return true;
        }
    }

    private void launch(DomainEntry e, Domain def, Path file, SaveImage img, Boolean pausedOverride, String operation) {
        boolean paused = pausedOverride != null ? pausedOverride : !img.running();
        RunningGuest g;
        try (DomainJobs.Job job = jobs.start(e.name(), operation)) {
            try {
                g = starter.start(starter.prepare(def), registry.nextId(), e, paused, guestEvents::watch,
                        guest -> GuestMigration.loadFrom(guest, e.name(), file, img.dataOffset(), job));
                job.succeeded();
            } catch (StartFailedException ex) {
                job.failed(ex.getMessage());
                e.deactivate(DomainStatus.of(DomainState.SHUTOFF, StateReason.FAILED));
                throw ex;
            }
        }
        status.publish(e, Kind.STARTED, StateReason.RESTORED);
        if (paused) {
            status.publish(e, Kind.SUSPENDED, StateReason.USER);
        }
        log.info("domain '{}' restored from {}{} as id {}", e.name(), file, paused ? " (paused)" : "", g.id());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ex) {
            log.warn("cannot remove {}: {}", file, ex.toString());
        }
    }
}
