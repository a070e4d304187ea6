package dev.jvirt.storage;

import dev.jvirt.domainxml.DefinitionException;
import dev.jvirt.domainxml.pool.PoolXml;
import dev.jvirt.domainxml.pool.StoragePool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where pools are kept, read once and then kept in memory (this instance is the only writer of
 * these directories, as one daemon owns its state dir): persistent definitions as {@code DEFS/NAME.xml}, autostart as
 * {@code DEFS/autostart/NAME}, and each running pool's definition as {@code RUN/NAME.xml} (the
 * only copy of a transient pool). A pool is running when its runtime file is there.
 */
final class PoolFiles {
    private static final Logger log = LoggerFactory.getLogger(PoolFiles.class);
    private final Path defs;
    private final Path run;
    private Map<String, StoragePool> persistent;
    private Map<String, StoragePool> running;

    PoolFiles(Path defs, Path run) {
        this.defs = defs;
        this.run = run;
    }

    synchronized Map<String, StoragePool> persistent() {
        if (persistent == null) {
            persistent = load(defs);
        }
        return Map.copyOf(persistent);
    }

    synchronized Map<String, StoragePool> running() {
        if (running == null) {
            running = load(run);
        }
        return Map.copyOf(running);
    }

    synchronized void savePersistent(StoragePool p) {
        persistent();
        put(defs, persistent, p);
    }

    synchronized void removePersistent(String name) {
        persistent();
        AtomicFiles.delete(defs.resolve("autostart").resolve(name));
        remove(defs, persistent, name);
    }

    synchronized void markRunning(StoragePool p) {
        running();
        put(run, running, p);
    }

    synchronized void clearRunning(String name) {
        running();
        remove(run, running, name);
    }

    private static void put(Path dir, Map<String, StoragePool> cache, StoragePool p) {
        AtomicFiles.write(dir.resolve(p.name() + ".xml"), PoolXml.format(p));
        cache.put(p.name(), p);
    }

    private static void remove(Path dir, Map<String, StoragePool> cache, String name) {
        AtomicFiles.delete(dir.resolve(name + ".xml"));
        cache.remove(name);
    }

    boolean autostart(String name) {
        return Files.exists(defs.resolve("autostart").resolve(name));
    }

    void setAutostart(String name, boolean on) {
        Path m = defs.resolve("autostart").resolve(name);
        if (on) {
            AtomicFiles.write(m, "");
        } else {
            AtomicFiles.delete(m);
        }
    }

    private static Map<String, StoragePool> load(Path dir) {
        Map<String, StoragePool> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                String n = f.getFileName().toString();
                if (!n.endsWith(".xml") || n.startsWith(".")) {
                    continue;
                }
                try {
                    StoragePool p = PoolXml.load(Files.readString(f), f.toString());
                    out.put(p.name(), p);
                } catch (DefinitionException | IOException e) {
                    log.warn("skipping pool definition {}: {}", f, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
