package dev.jvirt.vmmcore.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvirt.domainxml.domain.Disk;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.Seclabel;
import dev.jvirt.vmmcore.DomainEvent;
import dev.jvirt.vmmcore.InvalidArgumentException;
import dev.jvirt.vmmcore.StartFailedException;
import dev.jvirt.vmmcore.host.DiskAccess;
import dev.jvirt.vmmcore.host.Prepared;
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
 * domain is no longer running is settled at daemon start. A disk hot-plugged into a running guest
 * is checked and given the same way ({@link #grant}), joins the domain's record and is given back
 * at its detach or with the rest at the stop.
 */
public final class DacOwnership implements DiskAccess {
    private static final Logger log = LoggerFactory.getLogger(DacOwnership.class);
    /** Made on first use (a holder class): a jvirtd start should not load jackson-databind. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
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
            QemuUser runAs = runAs(def);
            planned.put(def.name(), check(def, runAs));
            runtimeDirs.put(def.name(), paths.dir());
            return new CommandLinePlan(RunAs.append(plan.argv(), runAs.name()), plan.devices(), plan.console());
        };
    }

    /** The DAC {@code <seclabel>} that applies (model dac, or none named), or null. */
    private static Seclabel dacLabel(Domain def) {
        return def.seclabels().stream().filter(l -> l.model() == null || l.model().equals("dac")).findFirst().orElse(null);
    }

    /** {@code <seclabel type='static' model='dac'><label>USER:GROUP</label>}: that user (its own primary group only). */
    QemuUser runAs(Domain def) {
        Seclabel l = dacLabel(def);
        if (l == null || !"static".equals(l.type()) || l.label() == null) {
            return user;
        }
        String[] ug = l.label().split(":", 2);
        QemuUser u = QemuUser.lookup(ug[0]);
        if (u == null || (ug.length == 2 && !ug[1].equals(groupName(u.gid())) && !ug[1].equals(Integer.toString(u.gid())))) {
            throw new StartFailedException(def.name(), "<seclabel model='dac'> label '" + l.label() + "': jvirt runs QEMU "
                    + "as a named local user with its own primary group (USER:ITS-GROUP); no such user or group here", null);
        }
        return u;
    }

    private static String groupName(int gid) {
        return UserNames.groupName(gid);
    }

    /** No relabeling: {@code <seclabel type='none'>}, {@code relabel='no'}, or a static label (libvirt's default there). */
    private static boolean relabel(Domain def) {
        Seclabel l = dacLabel(def);
        if (l == null) {
            return true;
        }
        if ("none".equals(l.type()) || Boolean.FALSE.equals(l.relabel())) {
            return false;
        }
        return !"static".equals(l.type()) || Boolean.TRUE.equals(l.relabel());
    }

    /**
     * Refuses a file QEMU could not open as {@code runAs}; returns the disk images to give it
     * (none without relabeling: then they must be writable by it already).
     */
    List<Path> check(Domain def, QemuUser runAs) {
        boolean relabel = relabel(def);
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
                String why = runAs.whyNot(f.getKey(), false);
                if (why != null) {
                    throw refuse(def, runAs, f.getValue(), f.getKey(), why, why.contains("search") ? "let " + runAs.name()
                            + " through that directory (chmod o+x), or copy the file where it can read it"
                            : "make it readable for " + runAs.name() + " (chmod o+r, or chgrp " + runAs.name()
                            + " and chmod g+r), or copy it where it can read it");
                }
            }
            for (Path p : give) {
                // a missing image: QEMU says so; without relabeling it must be writable as it is
                String why = !Files.exists(p) ? null : relabel ? runAs.whyNotReachable(p) : runAs.whyNot(p, true);
                if (why != null) {
                    throw refuse(def, runAs, "disk image", p, why, relabel ? "move it to a directory " + runAs.name()
                            + " can reach" : "<seclabel> says not to relabel: give it to " + runAs.name() + " yourself");
                }
            }
        } catch (IOException e) {
            throw new StartFailedException(def.name(), "cannot check the files QEMU would open: " + e.getMessage(), e);
        }
        return relabel ? give : List.of();
    }

    private static void put(Map<Path, String> m, String file, String what) {
        if (file != null && !file.isBlank()) {
            m.put(Path.of(file), what);
        }
    }

    private static StartFailedException refuse(Domain def, QemuUser user, String what, Path file, String why, String fix) {
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
            AtomicFiles.write(record, Json.MAPPER.writeValueAsBytes(before)); // the record first, then the change
            for (String p : before.keySet()) {
                chown(Path.of(p), user.uid(), user.gid());
            }
            log.info("domain '{}': {} disk image(s) given to {} for this run", domain, before.size(), user.name());
        } catch (IOException e) {
            log.warn("domain '{}': cannot give its disk images to {}: {}", domain, user.name(), e.toString());
        }
    }

    /**
     * A disk hot-plugged into {@code live}'s running QEMU: a read-only image must be readable by
     * QEMU's user already, a writable one is given to it (recorded first, so a stop or a restarted
     * daemon gives it back); the release gives it back at detach.
     */
    @Override
    public synchronized Prepared.Release grant(Domain live, Path image, boolean readOnly) throws IOException {
        QemuUser runAs = runAs(live);
        boolean relabel = relabel(live);
        String why = readOnly || !relabel ? runAs.whyNot(image, !readOnly) : runAs.whyNotReachable(image);
        if (why != null) {
            throw new InvalidArgumentException("QEMU of domain '" + live.name() + "' runs as user " + runAs.name()
                    + " and cannot open the " + (readOnly ? "read-only " : "") + "disk image " + image + ": " + why + "; "
                    + (readOnly ? "make it readable for " + runAs.name() : relabel ? "move it to a directory "
                    + runAs.name() + " can reach" : "<seclabel> says not to relabel: give it to " + runAs.name() + " yourself"));
        }
        if (readOnly || !relabel) {
            return () -> { };
        }
        image = image.toRealPath(); // the file itself is given, never a link to it
        Path record = records.resolve(live.name() + ".json");
        Map<String, int[]> given = Files.exists(record) ? readRecord(record) : new LinkedHashMap<>();
        String key = image.toString();
        if (given.containsKey(key)) {
            return () -> { }; // already QEMU's for this run (another disk on the same image)
        }
        FileOwner o = FileOwner.of(image);
        given.put(key, new int[] {o.uid(), o.gid()});
        Files.createDirectories(records);
        AtomicFiles.write(record, Json.MAPPER.writeValueAsBytes(given)); // the record first, then the change
        chown(image, runAs.uid(), runAs.gid());
        log.info("domain '{}': hot-plugged disk image {} given to {}", live.name(), image, runAs.name());
        return () -> giveBack(live.name(), record, key, runAs.uid());
    }

    /** A hot-plugged image's owner given back at its detach, and its entry taken off the domain's record. */
    private synchronized void giveBack(String domain, Path record, String image, int qemuUid) throws IOException {
        if (!Files.exists(record)) {
            return; // the stop gave everything back already
        }
        Map<String, int[]> given = readRecord(record);
        int[] before = given.remove(image);
        if (before == null) {
            return;
        }
        Path p = Path.of(image);
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && FileOwner.of(p).uid() == qemuUid) {
            chown(p, before[0], before[1]);
        }
        AtomicFiles.write(record, Json.MAPPER.writeValueAsBytes(given));
        log.info("domain '{}': detached disk image {} given back to uid {}", domain, image, before[0]);
    }

    private static Map<String, int[]> readRecord(Path record) throws IOException {
        return Json.MAPPER.readValue(record.toFile(), new TypeReference<LinkedHashMap<String, int[]>>() { });
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

    private synchronized void restoreQuietly(String domain, Path record) {
        try {
            restore(domain, record);
        } catch (IOException ex) {
            log.warn("domain '{}': cannot restore the owners recorded in {}: {}", domain, record, ex.toString());
        }
    }

    private synchronized void restore(String domain, Path record) throws IOException {
        Map<String, int[]> before = readRecord(record);
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
