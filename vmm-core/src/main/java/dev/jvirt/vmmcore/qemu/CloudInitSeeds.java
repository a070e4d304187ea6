package dev.jvirt.vmmcore.qemu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.NestedLxd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cloud-init NoCloud seed of a guest with the nested-LXD option: an ISO 9660 image with
 * volume id {@code cidata} made by Debian's {@code genisoimage} (argv, no shell), in
 * {@code STATE/qemu/nested-lxd/NAME/cidata.iso}, written anew at each start (so it follows the
 * option) and removed with the domain. It holds {@code meta-data} (an instance id that changes
 * with the user-data, so cloud-init runs again when the option changes; the hostname),
 * {@code user-data} (a {@code #cloud-config} written as JSON, which YAML reads as it is) and, when
 * the option names one, the LXD image as {@code lxd-image.tar.gz}.
 *
 * <p>The user-data writes an LXD preseed and a small setup script, which cloud-init's final stage
 * runs: start LXD, wait for it, {@code lxd init --preseed}, import the image, and leave
 * {@link #DONE_MARKER} (or {@link #FAILED_MARKER}, with the log in {@link #SETUP_LOG}). It does not
 * use cloud-init's own {@code lxd} module, which Debian's cloud-init 22.4 skips as unverified.
 */
public final class CloudInitSeeds {
    public static final String DONE_MARKER = "/var/lib/jvirt/nested-lxd.done";
    public static final String FAILED_MARKER = "/var/lib/jvirt/nested-lxd.failed";
    public static final String SETUP_LOG = "/var/lib/jvirt/nested-lxd.log";
    static final String PRESEED = "/var/lib/jvirt/lxd-preseed.yaml";
    static final String SETUP = "/var/lib/jvirt/nested-lxd-setup";
    static final String IMAGE_FILE = "lxd-image.tar.gz";
    /** Made on first use (a holder class): a jvirtd start should not load jackson-databind. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private static final long GENISOIMAGE_WAIT_S = 60;
    private final Path root;

    /** The seed's text files. */
    public record Seed(String metaData, String userData) {}

    /** @param root {@code STATE/qemu/nested-lxd} */
    public CloudInitSeeds(Path root) {
        this.root = root;
    }

    /** Where the seed of domain {@code name} is written. */
    public Path path(String name) {
        return root.resolve(name).resolve("cidata.iso");
    }

    /** The seed's files for {@code def} with option {@code o}. Pure. */
    public static Seed content(Domain def, NestedLxd o) {
        String userData = "#cloud-config\n" + pretty(userData(o, def.name()));
        String id = "jvirt-" + def.uuid() + "-" + digest(userData);
        String metaData = "instance-id: " + id + "\nlocal-hostname: " + def.name() + "\n";
        return new Seed(metaData, userData);
    }

    /** LXD's preseed for the option, as JSON (which {@code lxd init --preseed} reads as YAML). */
    public static String preseed(NestedLxd o) {
        ObjectNode p = obj();
        ObjectNode net = p.putArray("networks").addObject();
        net.put("name", o.bridge()).put("type", "bridge");
        net.putObject("config").put("ipv4.address", o.subnet()).put("ipv4.nat", "true").put("ipv6.address", "none");
        p.putArray("storage_pools").addObject().put("name", "default").put("driver", o.storage());
        ObjectNode profile = p.putArray("profiles").addObject();
        profile.put("name", "default");
        profile.putObject("config").put("security.nesting", Boolean.toString(o.nesting()));
        ObjectNode devices = profile.putObject("devices");
        devices.putObject("root").put("path", "/").put("pool", "default").put("type", "disk");
        devices.putObject("eth0").put("name", "eth0").put("network", o.bridge()).put("type", "nic");
        return pretty(p);
    }

    private static ObjectNode userData(NestedLxd o, String name) {
        ObjectNode u = obj();
        u.put("locale", "C.UTF-8"); // without it Debian's cloud-init ends in status 'error'
        u.putArray("ssh_genkeytypes"); // the image has no sshd
        ArrayNode files = u.putArray("write_files");
        files.addObject().put("path", PRESEED).put("permissions", "0600").put("content", preseed(o));
        files.addObject().put("path", SETUP).put("permissions", "0755").put("content", setupScript(o));
        u.putArray("runcmd").addArray().add(SETUP);
        return u;
    }

    /** The script cloud-init runs in its final stage. Fixed text: only the alias (validated) varies. */
    static String setupScript(NestedLxd o) {
        return String.join("\n",
                "#!/bin/sh",
                "# written by jvirtd (nested-lxd option): initialises LXD from its preseed",
                "set -eu",
                "exec >>" + SETUP_LOG + " 2>&1",
                "rm -f " + DONE_MARKER + " " + FAILED_MARKER,
                "trap '[ -e " + DONE_MARKER + " ] || touch " + FAILED_MARKER + "' EXIT",
                "# a starved guest (TCG on a busy host) can time LXD's database out: each step is tried again",
                "retry() { n=1; until \"$@\"; do [ $n -lt 5 ] || return 1; echo \"$(date -Is) try $n failed; again in 15 s\";"
                        + " n=$((n + 1)); sleep 15; lxd waitready --timeout=600; done; }",
                "echo \"$(date -Is) starting LXD\"",
                "systemctl start lxd.service",
                "lxd waitready --timeout=600",
                "echo \"$(date -Is) lxd init --preseed\"",
                "retry sh -c 'lxd init --preseed < " + PRESEED + "'",
                "mkdir -p /run/jvirt-seed",
                "mount -o ro /dev/disk/by-label/cidata /run/jvirt-seed",
                "if [ -f /run/jvirt-seed/" + IMAGE_FILE + " ]; then",
                "  echo \"$(date -Is) importing the image as " + o.imageAlias() + "\"",
                "  lxc image info " + o.imageAlias() + " >/dev/null 2>&1 || retry lxc image import /run/jvirt-seed/" + IMAGE_FILE
                        + " --alias " + o.imageAlias(),
                "fi",
                "umount /run/jvirt-seed",
                "echo \"$(date -Is) done\"",
                "touch " + DONE_MARKER,
                "");
    }

    /**
     * Writes the seed of {@code def} (which has option {@code o}) and returns its path.
     *
     * @throws IOException genisoimage failed, or the option's image cannot be read
     */
    public Path write(Domain def, NestedLxd o) throws IOException, InterruptedException {
        Seed seed = content(def, o);
        Path dir = root.resolve(def.name());
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, ".seed");
        try {
            Path meta = Files.writeString(work.resolve("meta-data"), seed.metaData(), StandardCharsets.UTF_8);
            Path user = Files.writeString(work.resolve("user-data"), seed.userData(), StandardCharsets.UTF_8);
            List<String> files = new ArrayList<>(List.of(user.toString(), meta.toString()));
            if (o.image() != null) {
                Path image = Path.of(o.image());
                if (!Files.isReadable(image)) {
                    throw new IOException("cannot read the nested-lxd image " + image);
                }
                Path copy = work.resolve(IMAGE_FILE);
                Files.copy(image, copy);
                files.add(copy.toString());
            }
            Path iso = work.resolve("cidata.iso");
            Path log = work.resolve("genisoimage.log");
            List<String> argv = new ArrayList<>(List.of("genisoimage", "-quiet", "-output", iso.toString(),
                    "-volid", "cidata", "-joliet", "-rock"));
            argv.addAll(files);
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(GENISOIMAGE_WAIT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("genisoimage did not finish within " + GENISOIMAGE_WAIT_S + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("genisoimage failed (exit " + p.exitValue() + "): "
                        + Files.readString(log, StandardCharsets.UTF_8).strip());
            }
            Path target = path(def.name());
            Files.move(iso, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("Cannot run program \"genisoimage\"")) {
                throw new IOException("genisoimage is not installed (apt-get install genisoimage)", e);
            }
            throw e;
        } finally {
            deleteTree(work);
        }
    }

    /** Removes the seed of domain {@code name} (undefine). */
    public void remove(String name) throws IOException {
        deleteTree(root.resolve(name));
    }

    /** {@link #remove}, a failure logged (an undefine does not fail on a seed it cannot remove). */
    public void removeQuietly(String name) {
        try {
            remove(name);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(CloudInitSeeds.class).warn("cannot remove the cloud-init seed of '{}': {}",
                    name, e.getMessage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static String pretty(ObjectNode n) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
