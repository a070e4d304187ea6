package dev.jvirt.vmmcore.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.Os;
import dev.jvirt.vmmcore.HostCapabilities;
import dev.jvirt.vmmcore.qemu.argv.FirmwareDescriptor;
import dev.jvirt.vmmcore.qemu.argv.FirmwareSelection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The host's side of UEFI guests: QEMU's firmware descriptors (read from {@code /etc/qemu/firmware}
 * and {@code /usr/share/qemu/firmware}, a file in the first hiding one of the same name in the
 * second, as QEMU's interop spec says), the choice for {@code <os firmware='efi'>}
 * ({@link FirmwareSelection}), and the guest's variables store, copied from its template on the
 * first start and kept in the state directory ({@code STATE/qemu/nvram/NAME_VARS.fd}).
 */
public final class Firmwares {

    /** Made on first use (a holder class): a jvirtd start should not load jackson-databind. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private final List<Path> descriptorDirs;
    private final Path nvramDir;

    public Firmwares(List<Path> descriptorDirs, Path nvramDir) {
        this.descriptorDirs = List.copyOf(descriptorDirs);
        this.nvramDir = nvramDir;
    }

    /** The system's descriptor directories, variables under {@code nvramDir}. */
    public static Firmwares system(Path nvramDir) {
        return new Firmwares(List.of(Path.of("/etc/qemu/firmware"), Path.of("/usr/share/qemu/firmware")), nvramDir);
    }

    /** The definition with its firmware chosen (unchanged unless it says {@code firmware='efi'} without a loader). */
    public Domain resolve(Domain def, HostCapabilities caps) {
        Os os = def.os();
        if (os == null || !"efi".equals(os.firmware()) || os.loader() != null) {
            return def;
        }
        String machine = os.machine() == null ? "pc" : os.machine();
        machine = caps.machineAliases().getOrDefault(machine, machine);
        return FirmwareSelection.select(def, machine, descriptors(), nvramDir);
    }

    /** Copies the variables template to the guest's store when the store does not exist yet. */
    public void prepareVars(Domain def) throws IOException {
        Os os = def.os();
        if (os == null || os.nvram() == null || os.nvram().path() == null || os.nvram().template() == null) {
            return;
        }
        Path vars = Path.of(os.nvram().path());
        if (Files.exists(vars)) {
            return;
        }
        Files.createDirectories(vars.getParent());
        Path tmp = vars.resolveSibling(vars.getFileName() + ".tmp");
        Files.copy(Path.of(os.nvram().template()), tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, vars, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Every descriptor, in file-name order. */
    public List<FirmwareDescriptor> descriptors() {
        Map<String, Path> byName = new TreeMap<>();
        for (int i = descriptorDirs.size() - 1; i >= 0; i--) {
            Path dir = descriptorDirs.get(i);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".json")).forEach(p -> byName.put(p.getFileName().toString(), p));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        List<FirmwareDescriptor> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : byName.entrySet()) {
            out.add(read(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static FirmwareDescriptor read(String name, Path file) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read firmware descriptor " + file, e);
        }
        List<String> interfaces = new ArrayList<>();
        n.path("interface-types").forEach(x -> interfaces.add(x.asText()));
        List<FirmwareDescriptor.Target> targets = new ArrayList<>();
        for (JsonNode t : n.path("targets")) {
            List<String> machines = new ArrayList<>();
            t.path("machines").forEach(x -> machines.add(x.asText()));
            targets.add(new FirmwareDescriptor.Target(t.path("architecture").asText(), machines));
        }
        Set<String> features = new TreeSet<>();
        n.path("features").forEach(x -> features.add(x.asText()));
        JsonNode mapping = n.path("mapping");
        String template = mapping.path("nvram-template").path("filename").asText(null);
        return new FirmwareDescriptor(name, interfaces, mapping.path("device").asText(), mapping.path("executable").path("filename").asText(null),
                template, targets, features);
    }
}
