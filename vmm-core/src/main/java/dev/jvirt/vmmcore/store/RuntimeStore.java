package dev.jvirt.vmmcore.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvirt.vmmcore.StateStoreException;
import dev.jvirt.vmmcore.qemu.GuestPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runtime state of active domains: one directory per domain ({@link GuestPaths}) holding QEMU's
 * sockets, pidfile and logs, the live XML and {@code status.json} ({@link RuntimeRecord}).
 */
public final class RuntimeStore {
    private static final String STATUS = "status.json";
    private final Path dir;
    /** Made on first use (a holder class): a jvirtd start with no guest running loads no jackson-databind. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public RuntimeStore(Path dir) {
        this.dir = dir;
    }

    public GuestPaths paths(String name) {
        return new GuestPaths(dir.resolve(name));
    }

    /** Names of every domain that has a runtime directory. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().forEach(names::add);
        } catch (IOException e) {
            throw new StateStoreException("cannot list runtime directory " + dir + ": " + e.getMessage(), e);
        }
        return names;
    }

    /** Creates the domain's runtime directory (0700); fails if it exists (a start left over, or a clash). */
    public GuestPaths create(String name) throws IOException {
        Files.createDirectories(dir);
        GuestPaths paths = paths(name);
        Files.createDirectory(paths.dir(), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        AtomicFiles.syncDirectory(dir);
        return paths;
    }

    public void write(GuestPaths paths, RuntimeRecord record) {
        try {
            AtomicFiles.write(paths.dir().resolve(STATUS), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
        } catch (IOException e) {
            throw new StateStoreException("cannot write the status of domain '" + record.name() + "' in "
                    + paths.dir() + ": " + e.getMessage(), e);
        }
    }

    public Optional<RuntimeRecord> read(GuestPaths paths) {
        Path file = paths.dir().resolve(STATUS);
        try {
            return Files.exists(file) ? Optional.of(Json.MAPPER.readValue(file.toFile(), RuntimeRecord.class)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void writeLiveXml(GuestPaths paths, String xml) throws IOException {
        AtomicFiles.write(paths.liveXml(), xml.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<String> readLiveXml(GuestPaths paths) {
        try {
            return Files.exists(paths.liveXml()) ? Optional.of(Files.readString(paths.liveXml())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Removes the domain's runtime directory and everything in it. */
    public void remove(GuestPaths paths) {
        try {
            AtomicFiles.deleteTree(paths.dir());
        } catch (IOException e) {
            throw new StateStoreException("cannot remove runtime directory " + paths.dir() + ": " + e.getMessage(), e);
        }
    }
}
