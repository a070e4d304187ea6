package dev.jvirt.vmmcore.store;

import dev.jvirt.vmmcore.StateStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Persistent definitions of one kind of object (domains, networks): {@code DIR/NAME.xml}, plus an
 * empty {@code AUTOSTART/NAME} marker for the autostarted ones. Every change is atomic and durable. Files are {@code 0600} and
 * the directories {@code 0700}; {@link #loadAll} narrows what an older jvirt left wider.
 */
public final class DefinitionStore {
    private static final String SUFFIX = ".xml";

    private final Path dir;
    private final Path autostartDir;
    private final String kind;

    /** Domain definitions. */
    public DefinitionStore(Path dir, Path autostartDir) {
        this(dir, autostartDir, "domain");
    }

    /** Definitions of {@code kind} ("domain", "network"), the word its errors use. */
    public DefinitionStore(Path dir, Path autostartDir, String kind) {
        this.dir = dir;
        this.autostartDir = autostartDir;
        this.kind = kind;
    }

    public Path file(String name) {
        return dir.resolve(name + SUFFIX);
    }

    public void save(String name, String xml) {
        try {
            AtomicFiles.write(file(name), xml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StateStoreException("cannot save the definition of " + kind + " '" + name + "' to " + file(name)
                    + ": " + e.getMessage(), e);
        }
    }

    public void delete(String name) {
        try {
            AtomicFiles.delete(file(name));
            AtomicFiles.delete(autostartDir.resolve(name));
        } catch (IOException e) {
            throw new StateStoreException("cannot delete the definition of " + kind + " '" + name + "' (" + file(name)
                    + "): " + e.getMessage(), e);
        }
    }

    /** Every stored definition, name → XML text, sorted by name. */
    public Map<String, String> loadAll() {
        Map<String, String> all = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> files = Files.list(dir)) {
            narrow(dir, AtomicFiles.DIR_MODE);
            for (Path f : (Iterable<Path>) files::iterator) {
                String fileName = f.getFileName().toString();
                if (fileName.endsWith(SUFFIX) && !fileName.startsWith(".") && Files.isRegularFile(f)) {
                    narrow(f, AtomicFiles.FILE_MODE);
                    all.put(fileName.substring(0, fileName.length() - SUFFIX.length()),
                            Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new StateStoreException("cannot read " + kind + " definitions in " + dir + ": " + e.getMessage(), e);
        }
        return all;
    }

    /** Takes group and other bits off a file or directory an older jvirt made wider (links are left alone). */
    private static void narrow(Path p, java.util.Set<java.nio.file.attribute.PosixFilePermission> mode) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return;
        }
        if (!Files.getPosixFilePermissions(p).equals(mode)) {
            Files.setPosixFilePermissions(p, mode);
        }
    }

    public boolean isAutostart(String name) {
        return Files.exists(autostartDir.resolve(name));
    }

    public void setAutostart(String name, boolean autostart) {
        Path marker = autostartDir.resolve(name);
        try {
            if (autostart) {
                AtomicFiles.write(marker, new byte[0]);
            } else {
                AtomicFiles.delete(marker);
            }
        } catch (IOException e) {
            throw new StateStoreException("cannot change autostart of " + kind + " '" + name + "' (" + marker + "): "
                    + e.getMessage(), e);
        }
    }
}
