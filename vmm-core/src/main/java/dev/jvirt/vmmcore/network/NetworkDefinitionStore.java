package dev.jvirt.vmmcore.network;

import dev.jvirt.vmmcore.StateStoreException;
import dev.jvirt.vmmcore.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Persistent network definitions: {@code STATE/network/NAME.xml}, written atomically (temp file,
 * fsync, rename, fsync of the directory), and {@code STATE/network/autostart/NAME} markers.
 */
public final class NetworkDefinitionStore {
    private static final String SUFFIX = ".xml";
    private final Path dir;
    private final Path autostartDir;

    public NetworkDefinitionStore(Path dir) {
        this.dir = dir;
        this.autostartDir = dir.resolve("autostart");
    }

    public Path file(String name) {
        return dir.resolve(name + SUFFIX);
    }

    public void save(String name, String xml) {
        try {
            AtomicFiles.write(file(name), xml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StateStoreException("cannot save the definition of network '" + name + "' to " + file(name)
                    + ": " + e.getMessage(), e);
        }
    }

    public void delete(String name) {
        try {
            AtomicFiles.delete(file(name));
            AtomicFiles.delete(autostartDir.resolve(name));
        } catch (IOException e) {
            throw new StateStoreException("cannot delete the definition of network '" + name + "' (" + file(name)
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
            for (Path f : (Iterable<Path>) files::iterator) {
                String fileName = f.getFileName().toString();
                if (fileName.endsWith(SUFFIX) && !fileName.startsWith(".") && Files.isRegularFile(f)) {
                    all.put(fileName.substring(0, fileName.length() - SUFFIX.length()),
                            Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new StateStoreException("cannot read network definitions in " + dir + ": " + e.getMessage(), e);
        }
        return all;
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
            throw new StateStoreException("cannot change autostart of network '" + name + "' (" + marker + "): "
                    + e.getMessage(), e);
        }
    }
}
