package dev.jvirt.vmmcore.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvirt.vmmcore.qemu.BinaryIdentity;
import dev.jvirt.vmmcore.qemu.CapabilitiesProvider;
import dev.jvirt.vmmcore.qemu.ProbedBinary;
import dev.jvirt.vmmcore.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Probed binaries on disk: {@code DIR/KEY.json}, where KEY is the binary's {@link BinaryIdentity#key()}. */
public final class CapabilitiesCache implements CapabilitiesProvider.Cache {
    private final Path dir;
    /** Made on first use (a holder class): a jvirtd start loads no jackson-databind before a guest needs it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public CapabilitiesCache(Path dir) {
        this.dir = dir;
    }

    @Override
    public Optional<ProbedBinary> lookup(BinaryIdentity identity) {
        Path file = dir.resolve(identity.key() + ".json");
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            ProbedBinary cached = Json.MAPPER.readValue(file.toFile(), ProbedBinary.class);
            return identity.equals(cached.identity()) ? Optional.of(cached) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void store(ProbedBinary probed) throws IOException {
        AtomicFiles.write(dir.resolve(probed.identity().key() + ".json"), Json.MAPPER.writeValueAsBytes(probed));
    }
}
