package dev.jvirt.vmmcore.store;

import dev.jvirt.domainxml.domain.DomainSnapshot;
import dev.jvirt.domainxml.domain.SnapshotXml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Snapshot metadata as libvirt keeps it: one {@code <domainsnapshot>} file per snapshot,
 * {@code STATE/qemu/snapshot/DOMAIN/NAME.xml}, written atomically like definitions, and the
 * domain's current snapshot in {@code .current} beside them. Read from disk on every call, so it
 * is what a restarted jvirtd sees.
 */
public final class SnapshotStore {
    private static final String CURRENT = ".current";
    private final Path root;

    public SnapshotStore(Path root) {
        this.root = root;
    }

    private Path dir(String domain) {
        return root.resolve(domain);
    }

    /** A snapshot's name is a file name here: no '/', not empty, not starting with '.'. */
    private static Path file(Path dir, String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.startsWith(".") || name.indexOf('\0') >= 0) {
            throw new dev.jvirt.vmmcore.InvalidArgumentException("snapshot name '" + name
                    + "' must be non-empty, have no '/' and not start with '.'");
        }
        return dir.resolve(name + ".xml");
    }

    /** The domain's snapshots, oldest first (by creation time, then name). */
    public List<DomainSnapshot> list(String domain) {
        Path d = dir(domain);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        List<DomainSnapshot> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(d)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(".xml"))::iterator) {
                out.add(SnapshotXml.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the snapshots of domain '" + domain + "' in " + d, e);
        }
        out.sort(Comparator.comparing((DomainSnapshot s) -> s.creationTime() == null ? 0L : s.creationTime())
                .thenComparing(DomainSnapshot::name));
        return out;
    }

    public Optional<DomainSnapshot> find(String domain, String name) {
        Path f = file(dir(domain), name);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SnapshotXml.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshot " + f, e);
        }
    }

    public void write(String domain, DomainSnapshot s) throws IOException {
        Path f = file(dir(domain), s.name());
        Files.createDirectories(dir(domain));
        AtomicFiles.write(f, SnapshotXml.format(s).getBytes(StandardCharsets.UTF_8));
    }

    public void delete(String domain, String name) throws IOException {
        Files.deleteIfExists(file(dir(domain), name));
        if (current(domain).filter(name::equals).isPresent()) {
            Files.deleteIfExists(dir(domain).resolve(CURRENT));
        }
    }

    public Optional<String> current(String domain) {
        Path f = dir(domain).resolve(CURRENT);
        try {
            return Files.isRegularFile(f) ? Optional.of(Files.readString(f, StandardCharsets.UTF_8).strip()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    /** Makes {@code name} the current snapshot (null: none). */
    public void current(String domain, String name) throws IOException {
        Files.createDirectories(dir(domain));
        if (name == null) {
            Files.deleteIfExists(dir(domain).resolve(CURRENT));
        } else {
            AtomicFiles.write(dir(domain).resolve(CURRENT), (name + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Forgets every snapshot of the domain (undefine --snapshots-metadata). */
    public void deleteAll(String domain) throws IOException {
        Path d = dir(domain);
        if (Files.isDirectory(d)) {
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(d);
        }
    }
}
