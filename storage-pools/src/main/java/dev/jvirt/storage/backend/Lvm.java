package dev.jvirt.storage.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jvirt.storage.StorageException;
import dev.jvirt.storage.exec.CommandResult;
import dev.jvirt.storage.exec.Commands;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** LVM's tools from argument lists, and their JSON reports ({@code --reportformat json --units b --nosuffix}). */
public final class Lvm {
    /** Made on first use: a pool-less jvirtd start should not load jackson-databind. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final Commands commands;

    public Lvm(Commands commands) {
        this.commands = commands;
    }

    /** One LV as lvs reports it; {@code attr} is lv_attr ({@code t} first = thin pool, {@code V} = thin volume). */
    public record Lv(String name, long size, String attr, String pool, String origin, double dataPercent) {
        public boolean isThinPool() {
            return attr.startsWith("t");
        }

        public boolean isThin() {
            return attr.startsWith("V");
        }
    }

    public static List<String> vgsArgv(String vg) {
        return List.of("vgs", "--reportformat", "json", "--units", "b", "--nosuffix", "-o", "vg_name,vg_size,vg_free", vg);
    }

    public static List<String> lvsArgv(String vg) {
        return List.of("lvs", "--reportformat", "json", "--units", "b", "--nosuffix", "-a",
                "-o", "lv_name,lv_size,lv_attr,pool_lv,origin,data_percent", vg);
    }

    /** {@code lvcreate}: thick ({@code -L}) or, with a thin pool, thin ({@code -V --thinpool}). */
    public static List<String> lvcreateArgv(String vg, String name, long bytes, String thinPool) {
        return thinPool == null
                ? List.of("lvcreate", "-y", "-Wy", "-Zy", "-n", name, "-L", bytes + "b", vg)
                : List.of("lvcreate", "-y", "-n", name, "-V", bytes + "b", "--thinpool", thinPool, vg);
    }

    /** A thin snapshot of {@code origin}, activated (thin snapshots skip activation by default). */
    public static List<String> snapshotArgv(String vg, String name, String origin) {
        return List.of("lvcreate", "-y", "-s", "-kn", "-n", name, vg + "/" + origin);
    }

    public static List<String> lvresizeArgv(String vg, String name, long bytes) {
        return List.of("lvresize", "-y", "-f", "-L", bytes + "b", vg + "/" + name);
    }

    public static List<String> lvremoveArgv(String vg, String name) {
        return List.of("lvremove", "-y", "-f", vg + "/" + name);
    }

    /** [size, free] of the VG, or null when the VG is not there. */
    public long[] vgSpace(String vg) {
        CommandResult r = commands.run(vgsArgv(vg), Duration.ofSeconds(30));
        if (r.exit() != 0) {
            return null;
        }
        JsonNode list = report(r.stdout(), "vg");
        if (list.isEmpty()) {
            return null;
        }
        JsonNode v = list.get(0);
        return new long[] {v.path("vg_size").asLong(), v.path("vg_free").asLong()};
    }

    /** The VG's LVs, hidden ones ({@code [name]}) left out. */
    public List<Lv> lvs(String vg) {
        CommandResult r = commands.check(lvsArgv(vg), "listing the LVs of volume group " + vg);
        List<Lv> out = new ArrayList<>();
        for (JsonNode n : report(r.stdout(), "lv")) {
            String name = n.path("lv_name").asText();
            if (name.startsWith("[")) {
                continue;
            }
            String pct = n.path("data_percent").asText("");
            out.add(new Lv(name, n.path("lv_size").asLong(), n.path("lv_attr").asText(""), blank(n.path("pool_lv").asText("")),
                    blank(n.path("origin").asText("")), pct.isEmpty() ? 0 : Double.parseDouble(pct)));
        }
        return out;
    }

    /** Runs an LVM command, failing with its words. */
    public void check(List<String> argv, String what) {
        commands.check(argv, what);
    }

    static JsonNode report(String json, String kind) {
        try {
            return Json.MAPPER.readTree(json).path("report").path(0).path(kind);
        } catch (IOException e) {
            throw new StorageException("cannot read LVM's " + kind + " report: " + e.getMessage(), e);
        }
    }

    private static String blank(String s) {
        return s.isEmpty() ? null : s;
    }
}
