package dev.jvirt.vmmcore.daemon.libvirt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.libvirtwire.VirError;
import dev.jvirt.libvirtwire.XdrReader;
import dev.jvirt.vmmcore.Hypervisor;
import dev.jvirt.api.Host;
import dev.jvirt.vmmcore.HostFirmware;
import dev.jvirt.vmmcore.daemon.routes.CapabilitiesXml;
import dev.jvirt.vmmcore.daemon.routes.DomainCapabilitiesXml;
import dev.jvirt.vmmcore.daemon.routes.HostMemory;
import dev.jvirt.vmmcore.daemon.routes.NodeInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The connection's and the host's procedures: open, close, type, versions, hostname, URI, capabilities, features, auth, node info. */
final class ConnectProcedures {
    /** The libvirt release whose protocol and behaviour this server follows (virsh version's "Running against daemon"). */
    static final long LIB_VERSION = 9_000_000L;
    /** virDrvFeature values answered "supported": typed-param strings (9), keepalive (10), event callbacks (14), close callbacks (15). */
    private static final Set<Integer> FEATURES = Set.of(9, 10, 14, 15);
    private static final int AUTH_NONE = 0;
    private final Hypervisor hv;
    private final String uri;

    ConnectProcedures(Hypervisor hv, String uri) {
        this.hv = hv;
        this.uri = uri;
    }

    void register(ProcedureTable t) {
        t.query("REMOTE_PROC_AUTH_LIST", c -> c.ret().writeInt(1).writeInt(AUTH_NONE));
        t.query("REMOTE_PROC_CONNECT_OPEN", c -> {
            XdrReader a = c.args();
            String name = a.readOptionalString();
            a.readUnsigned();
            c.argsDone();
            if (name != null && !name.isEmpty() && !acceptable(name)) {
                throw new LibvirtException(VirError.NO_CONNECT, VirError.FROM_REMOTE,
                        "no connection driver available for " + name + " (this socket serves " + uri + ")");
            }
        });
        t.query("REMOTE_PROC_CONNECT_CLOSE", c -> c.connection().events().close());
        t.query("REMOTE_PROC_CONNECT_GET_TYPE", c -> c.ret().writeString("QEMU"));
        t.on("REMOTE_PROC_CONNECT_GET_VERSION", c -> c.ret().writeHyper(version(hv.capabilities().qemuVersion())));
        t.query("REMOTE_PROC_CONNECT_GET_LIB_VERSION", c -> c.ret().writeHyper(LIB_VERSION));
        t.query("REMOTE_PROC_CONNECT_GET_HOSTNAME", c -> c.ret().writeString(hostname()));
        t.query("REMOTE_PROC_CONNECT_GET_URI", c -> c.ret().writeString(uri));
        t.query("REMOTE_PROC_CONNECT_IS_SECURE", c -> c.ret().writeInt(1)); // a unix socket
        t.query("REMOTE_PROC_CONNECT_SUPPORTS_FEATURE", c -> {
            int feature = c.args().readInt();
            c.argsDone();
            c.ret().writeInt(FEATURES.contains(feature) ? 1 : 0);
        });
        t.on("REMOTE_PROC_CONNECT_GET_CAPABILITIES",
                c -> c.ret().writeString(CapabilitiesXml.capabilities(hv.capabilities(), NodeInfo.read())));
        t.on("REMOTE_PROC_CONNECT_GET_DOMAIN_CAPABILITIES", c -> {
            XdrReader a = c.args();
            a.readOptionalString();
            a.readOptionalString();
            String machine = a.readOptionalString();
            String virtType = a.readOptionalString();
            a.readUnsigned();
            c.argsDone();
            c.ret().writeString(DomainCapabilitiesXml.write(hv.capabilities(), HostFirmware.system(),
                    virtType == null ? "qemu" : virtType, machine));
        });
        t.query("REMOTE_PROC_CONNECT_GET_MAX_VCPUS", c -> c.ret().writeInt(255));
        t.on("REMOTE_PROC_NODE_GET_INFO", c -> nodeInfo(c));
        t.query("REMOTE_PROC_NODE_GET_FREE_MEMORY", c -> {
            Host.Memory m = HostMemory.read();
            long freeKib = m.cells().isEmpty() ? m.freeKib() : m.cells().stream().mapToLong(Host.Cell::freeKib).sum();
            c.ret().writeHyper(freeKib * 1024);
        });
        t.query("REMOTE_PROC_NODE_GET_MEMORY_STATS", c -> {
            int nparams = c.args().readInt();
            int cell = c.args().readInt();
            c.args().readUnsigned();
            c.argsDone();
            if (cell != -1) { // VIR_NODE_MEMORY_STATS_ALL_CELLS
                throw LibvirtErrors.invalidArg("jvirt reports the whole host's memory only (cell -1), not cell " + cell);
            }
            Host.Memory m = HostMemory.read();
            long[] values = {m.totalKib(), m.freeKib(), m.buffersKib(), m.cachedKib()};
            String[] fields = {"total", "free", "buffers", "cached"};
            int n = nparams == 0 ? 0 : Math.min(nparams, fields.length); // 0: the client asks how many there are
            c.ret().writeInt(n);
            for (int i = 0; i < n; i++) {
                c.ret().writeString(fields[i]).writeHyper(values[i]);
            }
            c.ret().writeInt(fields.length);
        });
        t.query("REMOTE_PROC_CONNECT_GET_SYSINFO", c -> {
            c.args().readUnsigned();
            c.argsDone();
            throw new LibvirtException(VirError.CONFIG_UNSUPPORTED, VirError.FROM_NONE,
                    "unsupported configuration: Host SMBIOS information is not available");
        });
        // jvirt confines guests by user (DAC) only, no MAC driver: libvirt's "none" model, DOI 0.
        t.query("REMOTE_PROC_NODE_GET_SECURITY_MODEL", c -> {
            charArray(c, "none");
            charArray(c, "0");
        });
        t.query("REMOTE_PROC_CONNECT_REGISTER_CLOSE_CALLBACK", c -> { });
        t.query("REMOTE_PROC_CONNECT_UNREGISTER_CLOSE_CALLBACK", c -> { });
    }

    /** The URIs a client of this socket may open: this daemon's own, and libvirt's QEMU names for it. */
    private boolean acceptable(String name) {
        String mode = uri.substring(uri.indexOf(":///"));
        return name.startsWith("qemu" + mode) || name.startsWith("vmm" + mode) || name.equals(uri);
    }

    private static void nodeInfo(Call c) {
        ObjectNode n = NodeInfo.read();
        byte[] model = n.path("cpu_model").asText("x86_64").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 32; i++) {
            c.ret().writeInt(i < model.length && i < 31 ? model[i] : 0); // char model[32]: one XDR int per char
        }
        c.ret().writeHyper(n.path("memory_kib").asLong());
        c.ret().writeInt(n.path("cpus").asInt()).writeInt(n.path("mhz").asInt()).writeInt(n.path("nodes").asInt(1))
                .writeInt(n.path("sockets").asInt(1)).writeInt(n.path("cores").asInt(1)).writeInt(n.path("threads").asInt(1));
    }

    /** A C string as rpcgen's {@code char x<N>}: its length with the NUL, then one XDR int per char. */
    static void charArray(Call c, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        c.ret().writeInt(b.length + 1);
        for (byte x : b) {
            c.ret().writeInt(x);
        }
        c.ret().writeInt(0);
    }

    /** {@code 7.2.0} → 7002000, libvirt's encoding of a version. */
    static long version(String dotted) {
        String[] p = dotted.split("[.\\-+ ]");
        long v = 0;
        for (int i = 0; i < 3; i++) {
            long part = 0;
            if (i < p.length) {
                try {
                    part = Long.parseLong(p[i].replaceAll("\\D.*", ""));
                } catch (NumberFormatException e) {
                    part = 0;
                }
            }
            v = v * 1000 + Math.min(part, 999);
        }
        return v;
    }

    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
