package dev.jvirt.vmmcore;

import dev.jvirt.vmmcore.lifecycle.DomainEntry;
import dev.jvirt.vmmcore.lifecycle.DomainJobs;
import dev.jvirt.vmmcore.lifecycle.DomainRegistry;
import dev.jvirt.vmmcore.lifecycle.GuestSaves;
import dev.jvirt.vmmcore.store.SaveImage;
import java.nio.file.Path;
import java.util.function.LongUnaryOperator;

/**
 * Saving running domains to files and restoring them (virsh save, restore, managedsave,
 * managedsave-remove, save-image-dumpxml) and the domains' long jobs (domjobinfo, domjobabort):
 * part of the {@link Hypervisor} facade ({@link Hypervisor#saves()}), naming domains as it does.
 * Files are absolute paths on jvirtd's host.
 */
public final class DomainSaves {
    private final DomainRegistry registry;
    private final GuestSaves saves;
    private final DomainJobs jobs;
    private final LongUnaryOperator cpuTime;

    DomainSaves(DomainRegistry registry, GuestSaves saves, DomainJobs jobs, LongUnaryOperator cpuTime) {
        this.registry = registry;
        this.saves = saves;
        this.jobs = jobs;
        this.cpuTime = cpuTime;
    }

    /**
     * Saves the running or paused domain to {@code file} and stops it (shut off, saved).
     * {@code xml}: a definition to store instead of the live one (same name); {@code running}:
     * the state a restore gives it (null: the one it had).
     *
     * @throws InvalidStateException    the domain is not active
     * @throws InvalidArgumentException the file cannot be written there
     */
    public void save(String domain, Path file, String xml, Boolean running) {
        saves.save(registry.resolve(domain), absolute(file), xml, running);
    }

    /** Starts the domain saved in {@code file}; {@code paused} null: as saved. Answers the domain. */
    public DomainInfo restore(Path file, String xml, Boolean paused) {
        DomainEntry e = saves.restore(absolute(file), xml, paused);
        return e.snapshot().info(e.name(), cpuTime);
    }

    /**
     * The domain XML inside save image {@code file}.
     *
     * @throws InvalidArgumentException no such file, or not a save image
     */
    public String imageXml(Path file) {
        return SaveImage.read(absolute(file)).xml();
    }

    /** virsh managedsave: saved to the domain's own image, which its next start resumes. */
    public void managedSave(String domain, Boolean running) {
        saves.managedSave(registry.resolve(domain), running);
    }

    /** Removes the domain's managed save image; false when it had none. */
    public boolean removeManagedSave(String domain) {
        return saves.removeManagedSave(registry.resolve(domain));
    }

    public boolean hasManagedSave(String domain) {
        return saves.hasManagedSave(registry.resolve(domain));
    }

    /** The domain's running job (type None when there is none), or with {@code completed} its last finished one. */
    public DomainJob job(String domain, boolean completed) {
        String name = registry.resolve(domain).name();
        return completed ? jobs.completed(name) : jobs.current(name);
    }

    /**
     * Asks the domain's running job to stop (a save is cancelled and the guest goes on).
     *
     * @throws InvalidArgumentException no job runs
     */
    public void abortJob(String domain) {
        String name = registry.resolve(domain).name();
        if (!jobs.abort(name)) {
            throw new InvalidArgumentException("no job is active on the domain '" + name + "'");
        }
    }

    /** Undefine's check: a domain with a managed save image is refused, as libvirt refuses it. */
    void refuseUndefine(String name) {
        if (saves.hasManagedSave(registry.resolve(name))) {
            throw new InvalidArgumentException("Refusing to undefine while domain managed save image exists "
                    + "(jvirsh managedsave-remove " + name + " first)");
        }
    }

    private static Path absolute(Path file) {
        if (!file.isAbsolute()) {
            throw new InvalidArgumentException("'" + file + "' is not an absolute path");
        }
        return file.normalize();
    }
}
