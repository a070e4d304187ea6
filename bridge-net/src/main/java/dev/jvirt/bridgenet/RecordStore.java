package dev.jvirt.bridgenet;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runtime records of active networks: {@code DIR/NAME.json}, each written atomically (temp
 * file, fsync, rename), and {@code DIR/NAME/} for the network's dnsmasq files.
 */
final class RecordStore {
    /** Made on first use: a jvirtd start with no network running should not load jackson-databind. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static final String SUFFIX = ".json";
    private final Path dir;

    RecordStore(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** The directory of the network's own files (made on demand). */
    Path filesOf(String name) {
        Path d = dir.resolve(name);
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new NetworkException("network '" + name + "': cannot create its runtime directory " + d + ": "
                    + e.getMessage(), e);
        }
        return d;
    }

    void write(NetworkRecord r) {
        Path target = dir.resolve(r.name() + SUFFIX);
        Path tmp = dir.resolve("." + r.name() + SUFFIX + ".tmp");
        try {
            Files.createDirectories(dir);
            byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(r);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new NetworkException("network '" + r.name() + "': cannot write its runtime record " + target + ": "
                    + e.getMessage(), e);
        }
    }

    Optional<NetworkRecord> read(String name) {
        Path p = dir.resolve(name + SUFFIX);
        try {
            return Optional.of(Json.MAPPER.readValue(Files.readAllBytes(p), NetworkRecord.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new NetworkException("network '" + name + "': cannot read its runtime record " + p + ": "
                    + e.getMessage(), e);
        }
    }

    /** The names that have a record. */
    List<String> names() {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                if (!f.startsWith(".")) {
                    out.add(f.substring(0, f.length() - SUFFIX.length()));
                }
            }
        } catch (IOException e) {
            throw new NetworkException("cannot list the network records in " + dir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /** Removes the record and the network's files, except its lease file (kept so guests keep their addresses). */
    void delete(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name + SUFFIX));
            Path d = dir.resolve(name);
            if (Files.isDirectory(d)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
                    for (Path p : ds) {
                        if (!p.getFileName().toString().equals(Dnsmasq.LEASES)) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
                    if (!ds.iterator().hasNext()) {
                        Files.delete(d);
                    }
                }
            }
        } catch (IOException e) {
            throw new NetworkException("network '" + name + "': cannot remove its runtime files in " + dir + ": "
                    + e.getMessage(), e);
        }
    }
}
