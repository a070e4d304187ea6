package dev.jvirt.vmmcore.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.vmmcore.DomainEvent;
import dev.jvirt.vmmcore.StartFailedException;
import dev.jvirt.vmmcore.lifecycle.StartPhase;
import dev.jvirt.vmmcore.qemu.argv.CommandLineBuilder;
import dev.jvirt.vmmcore.qemu.argv.CommandLinePlan;
import dev.jvirt.vmmcore.qemu.argv.RunAs;
import dev.jvirt.vmmcore.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * System mode's DAC model (libvirt's {@code dynamic_ownership}, for plain files): QEMU runs as
 * {@link QemuUser} ({@code -runas}); at start every file the definition names is checked, the
 * kernel, initrd, firmware and read-only disks must already be readable by that user (else the
 * start is refused with the path), and the writable disk images are given to it right after QEMU
 * daemonizes, before its CPUs run. Their owners before are recorded in {@code RUNTIME/dac/NAME.json}
 * (so a restarted daemon still knows them) and given back when the domain stops; a record whose
 * domain is no longer running is settled at daemon start.
 */
public final class DacOwnership {
    private static final Logger log = LoggerFactory.getLogger(DacOwnership.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final QemuUser user;
    private final Path records;
    private final Map<String, List<Path>> planned = new ConcurrentHashMap<>();
    private final Map<String, Path> runtimeDirs = new ConcurrentHashMap<>();

    public DacOwnership(QemuUser user, Path records) {
        this.user = user;
        this.records = records;
    }

    public QemuUser user() {
        return user;
    }

    /** {@code inner}'s command line with {@code -runas}, after checking what the guest's files allow. */
    public CommandLineBuilder wrap(CommandLineBuilder inner) {
        return (def, caps, paths, options) -> {
            CommandLinePlan plan = inner.plan(def, caps, paths, options);
            planned.put(def.name(), check(def));
            runtimeDirs.put(def.name(), paths.dir());
            return new CommandLinePlan(RunAs.append(plan.argv(), user.name()), plan.devices(), plan.console());
        };
    }

    /** Refuses a file QEMU could not open as {@link #user}; returns the disk images to give it. */
    List<Path> check(Domain def) {
        Map<Path, String> mustRead = new LinkedHashMap<>();
        if (def.os() != null) {
            put(mustRead, def.os().kernel(), "kernel");
            put(mustRead, def.os().initrd(), "initrd");
            if (def.os().loader() != null) {
                put(mustRead, def.os().loader().path(), "firmware (loader)");
            }
        }
        List<Path> give = new ArrayList<>();
        for (Disk d : def.devices().disks()) {
            if (d.source() == null || d.source().file() == null) {
                continue;
            }
            Path p = Path.of(d.source().file());
            if (d.readonly() || "cdrom".equals(d.device())) {
                mustRead.put(p, "read-only disk " + d.target().dev());
            } else {
                give.add(p);
            }
        }
        if (def.os() != null && def.os().nvram() != null && def.os().nvram().path() != null) {
            give.add(Path.of(def.os().nvram().path()));
        }
        try {
            for (Map.Entry<Path, String> f : mustRead.entrySet()) {
                String why = user.whyNot(f.getKey(), false);
                if (why != null) {
                    throw refuse(def, f.getValue(), f.getKey(), why, why.contains("search") ? "let " + user.name()
                            + " through that directory (chmod o+x), or copy the file where it can read it"
                            : "make it readable for " + user.name() + " (chmod o+r, or chgrp " + user.name()
                            + " and chmod g+r), or copy it where it can read it");
                }
            }
            for (Path p : give) {
                String why = Files.exists(p) ? user.whyNotReachable(p) : null; // a missing image: QEMU says so
                if (why != null) {
                    throw refuse(def, "disk image", p, why, "move it to a directory " + user.name() + " can reach");
                }
            }
        } catch (IOException e) {
            throw new StartFailedException(def.name(), "cannot check the files QEMU would open: " + e.getMessage(), e);
        }
        return give;
    }

    private static void put(Map<Path, String> m, String file, String what) {
        if (file != null && !file.isBlank()) {
            m.put(Path.of(file), what);
        }
    }

    private StartFailedException refuse(Domain def, String what, Path file, String why, String fix) {
        return new StartFailedException(def.name(), "QEMU runs as user " + user.name() + " and cannot open the " + what
                + " " + file + ": " + why + "; " + fix, null);
    }

    /** Gives the planned disk images to QEMU's user once it has daemonized. */
    public StartPhase.Observer observer(StartPhase.Observer next) {
        return (domain, phase) -> {
            if (phase == StartPhase.LAUNCHED) {
                grant(domain);
            }
            next.reached(domain, phase);
        };
    }

    /**
     * QEMU opens its console FIFOs after it has dropped to its user: the guest's runtime directory
     * becomes root:QEMU's group 0710 (QEMU may reach files in it, not list, add or replace them;
     * the FIFOs take the directory's group, 0660), and {@code RUNTIME/qemu} 0711.
     */
    private void openRuntimeDir(String domain) {
        Path dir = runtimeDirs.remove(domain);
        if (dir == null) {
            return;
        }
        try {
            Files.setPosixFilePermissions(dir.getParent(), PrivateDirs.permissions(0711));
            Files.setAttribute(dir, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(dir, PrivateDirs.permissions(0710));
        } catch (IOException e) {
            log.warn("domain '{}': cannot open {} to {}: {}", domain, dir, user.name(), e.toString());
        }
    }

    private void grant(String domain) {
        openRuntimeDir(domain);
        List<Path> files = planned.remove(domain);
        if (files == null || files.isEmpty()) {
            return;
        }
        Path record = records.resolve(domain + ".json");
        if (Files.exists(record)) {
            restoreQuietly(domain, record); // a run that ended without a stop event (a failed start): settle it first
        }
        Map<String, int[]> before = new LinkedHashMap<>();
        try {
            for (Path p : files) {
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    FileOwner o = FileOwner.of(p);
                    before.put(p.toString(), new int[] {o.uid(), o.gid()});
                }
            }
            AtomicFiles.write(record, JSON.writeValueAsBytes(before)); // the record first, then the change
            for (String p : before.keySet()) {
                chown(Path.of(p), user.uid(), user.gid());
            }
            log.info("domain '{}': {} disk image(s) given to {} for this run", domain, before.size(), user.name());
        } catch (IOException e) {
            log.warn("domain '{}': cannot give its disk images to {}: {}", domain, user.name(), e.toString());
        }
    }

    /** Gives back what was given to every domain that {@code running} says no longer runs. */
    public void restoreStopped(Predicate<String> running) {
        if (!Files.isDirectory(records)) {
            return;
        }
        try (Stream<Path> files = Files.list(records)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(".json") && !name.startsWith(".")) {
                    String domain = name.substring(0, name.length() - ".json".length());
                    if (!running.test(domain)) {
                        restore(domain, f);
                    }
                }
            }
        } catch (IOException e) {
            log.warn("cannot read {}: {}", records, e.toString());
        }
    }

    /** A domain event: a stop gives that domain's files back. */
    public void onEvent(DomainEvent e) {
        Path record = records.resolve(e.domain() + ".json");
        if (e.kind() == DomainEvent.Kind.STOPPED && Files.exists(record)) {
            restoreQuietly(e.domain(), record);
        }
    }

    private void restoreQuietly(String domain, Path record) {
        try {
            restore(domain, record);
        } catch (IOException ex) {
            log.warn("domain '{}': cannot restore the owners recorded in {}: {}", domain, record, ex.toString());
        }
    }

    private void restore(String domain, Path record) throws IOException {
        Map<String, int[]> before = JSON.readValue(record.toFile(), new TypeReference<Map<String, int[]>>() { });
        for (Map.Entry<String, int[]> b : before.entrySet()) {
            Path p = Path.of(b.getKey());
            try {
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && FileOwner.of(p).uid() == user.uid()) {
                    chown(p, b.getValue()[0], b.getValue()[1]); // unless someone changed it since
                }
            } catch (IOException e) {
                log.warn("domain '{}': cannot give {} back to uid {}: {}", domain, p, b.getValue()[0], e.toString());
            }
        }
        AtomicFiles.delete(record);
        log.info("domain '{}': disk image owners restored", domain);
    }

    private static void chown(Path p, int uid, int gid) throws IOException {
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }
}
