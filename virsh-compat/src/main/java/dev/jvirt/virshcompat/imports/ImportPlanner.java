package dev.jvirt.virshcompat.imports;

import dev.jvirt.virshcompat.imports.ImportPlan.Action;
import dev.jvirt.virshcompat.imports.ImportPlan.Kind;
import dev.jvirt.virshcompat.imports.ImportPlan.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what libvirt has and what jvirt has into an {@link ImportPlan}; pure but for the
 * {@link JvirtHoldings.Checks} it is given. Pools and networks whose names jvirt uses for
 * something else get {@code libvirt-NAME} (and domains' references follow); an object jvirt
 * already has from an earlier import is unchanged; a domain whose name jvirt uses for another
 * definition, or that jvirt cannot run, is refused with the reason.
 */
public final class ImportPlanner {

    /** What clashing pools and networks are renamed to: {@code libvirt-NAME}. */
    static final String RENAME_PREFIX = "libvirt-";

    /** The jvirt pool --move-disks copies volumes into. */
    public static final String MOVE_TO = "default";

    private final LibvirtInventory source;
    private final JvirtHoldings jvirt;
    private final JvirtHoldings.Checks checks;
    private final boolean moveDisks;
    private final String swtpmRoot;
    private final Map<String, Step> networks = new HashMap<>();
    private final Map<String, Step> pools = new HashMap<>();

    private ImportPlanner(LibvirtInventory source, JvirtHoldings jvirt, JvirtHoldings.Checks checks, boolean moveDisks,
            String swtpmRoot) {
        this.swtpmRoot = swtpmRoot;
        this.source = source;
        this.jvirt = jvirt;
        this.checks = checks;
        this.moveDisks = moveDisks;
    }

    public static ImportPlan plan(LibvirtInventory source, JvirtHoldings jvirt, JvirtHoldings.Checks checks) {
        return plan(source, jvirt, checks, false);
    }

    /**
     * With {@code moveDisks}, the volumes of a domain that is not running under libvirt are copied
     * into jvirt's pool {@link #MOVE_TO} (libvirt's stay as they are) and its disks name the copies.
     */
    public static ImportPlan plan(LibvirtInventory source, JvirtHoldings jvirt, JvirtHoldings.Checks checks,
            boolean moveDisks) {
        return plan(source, jvirt, checks, moveDisks, null);
    }

    /**
     * With {@code swtpmRoot}, libvirt's directory of swtpm states ({@code /var/lib/libvirt/swtpm}
     * for qemu:///system, {@code ~/.config/libvirt/qemu/swtpm} for a session), an emulated TPM's
     * state {@code swtpmRoot/UUID/tpm2} (or {@code tpm1.2}) is carried when libvirt has made one.
     */
    public static ImportPlan plan(LibvirtInventory source, JvirtHoldings jvirt, JvirtHoldings.Checks checks,
            boolean moveDisks, String swtpmRoot) {
        return new ImportPlanner(source, jvirt, checks, moveDisks, swtpmRoot).plan();
    }

    private ImportPlan plan() {
        List<Step> steps = new ArrayList<>();
        for (LibvirtInventory.Pool p : source.pools()) {
            Step s = pool(p);
            pools.put(p.name(), s);
            steps.add(s);
        }
        for (LibvirtInventory.Network n : source.networks()) {
            Step s = network(n);
            networks.put(n.name(), s);
            steps.add(s);
        }
        for (String missing : source.missingDomains()) {
            steps.add(new Step(Kind.DOMAIN, missing, missing, Action.REFUSE,
                    List.of("libvirt at " + source.uri() + " has no domain '" + missing + "'"), null, false, false));
        }
        for (LibvirtInventory.Domain d : source.domains()) {
            steps.add(domain(d));
        }
        return new ImportPlan(List.copyOf(steps));
    }

    /** The name an object gets in jvirt: its own, or libvirt-NAME when jvirt uses that for another UUID. */
    private record Naming(String target, Action action, String note) {}

    private static Naming name(String kind, String name, String uuid, Map<String, String> held) {
        String mine = held.get(name);
        if (mine == null) {
            return new Naming(name, Action.DEFINE, null);
        }
        if (mine.equalsIgnoreCase(uuid)) {
            return new Naming(name, Action.UNCHANGED, "jvirt has it already");
        }
        String other = RENAME_PREFIX + name;
        String theirs = held.get(other);
        String why = "jvirt has another " + kind + " named '" + name + "'";
        if (theirs == null) {
            return new Naming(other, Action.DEFINE, "renamed: " + why);
        }
        if (theirs.equalsIgnoreCase(uuid)) {
            return new Naming(other, Action.UNCHANGED, "jvirt has it already (renamed: " + why + ")");
        }
        return new Naming(other, Action.REFUSE, why + " and another named '" + other + "'");
    }

    private Step pool(LibvirtInventory.Pool p) {
        Naming n = name("pool", p.name(), p.uuid(), jvirt.poolUuids());
        List<String> notes = new ArrayList<>();
        if (n.note() != null) {
            notes.add(n.note());
        }
        String xml = null;
        if (n.action() == Action.DEFINE) {
            DefinitionXml def = DefinitionXml.parse(p.xml(), "pool " + p.name());
            def.rename(n.target());
            xml = def.format();
            notes.add("volumes stay where libvirt keeps them");
        }
        autostartNote(notes, n.action(), p.autostart());
        return new Step(Kind.POOL, p.name(), n.target(), n.action(), notes, xml, p.autostart(), p.active());
    }

    private Step network(LibvirtInventory.Network net) {
        Naming n = name("network", net.name(), net.uuid(), jvirt.networkUuids());
        List<String> notes = new ArrayList<>();
        if (n.note() != null) {
            notes.add(n.note());
        }
        String xml = null;
        if (n.action() == Action.DEFINE) {
            DefinitionXml def = DefinitionXml.parse(net.xml(), "network " + net.name());
            def.rename(n.target());
            String bridge = def.bridgeName();
            if (bridge != null && bridge.startsWith("virbr")) {
                def.dropBridgeName();
                notes.add("bridge " + bridge + " is libvirt's: jvirt names its own");
            }
            if (net.active()) {
                notes.add("active under libvirt: stop it there before starting it in jvirt (same addresses)");
            }
            xml = def.format();
        }
        autostartNote(notes, n.action(), net.autostart());
        return new Step(Kind.NETWORK, net.name(), n.target(), n.action(), notes, xml, net.autostart(), false);
    }

    private static void autostartNote(List<String> notes, Action action, boolean autostart) {
        if (action == Action.DEFINE && autostart) {
            notes.add("autostart");
        }
    }

    private Step domain(LibvirtInventory.Domain d) {
        String digest = DefinitionXml.digest(d.xml());
        JvirtHoldings.Held held = jvirt.domains().get(d.name());
        if (held != null) {
            if (digest.equals(held.importDigest())) {
                return new Step(Kind.DOMAIN, d.name(), d.name(), Action.UNCHANGED, List.of("jvirt has it already"), null,
                        d.autostart(), false);
            }
            return refuse(d, "jvirt has another domain named '" + d.name() + "' (undefine or rename it there first)");
        }
        Optional<String> sameUuid = jvirt.domainNamed(d.uuid());
        if (sameUuid.isPresent()) {
            return refuse(d, "jvirt's domain '" + sameUuid.get() + "' has the same UUID " + d.uuid());
        }
        DefinitionXml def = DefinitionXml.parse(d.xml(), "domain " + d.name());
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, String> netRenames = renames(def.networkRefs(), networks, "network", problems);
        Map<String, String> poolRenames = renames(def.volumeRefs().stream().map(DefinitionXml.VolumeRef::pool).toList(),
                pools, "pool", problems);
        def.renameNetworkRefs(netRenames);
        def.renamePoolRefs(poolRenames);
        List<String> files = new ArrayList<>(def.diskFiles());
        for (DefinitionXml.VolumeRef v : def.volumeRefs()) {
            String key = new DefinitionXml.VolumeRef(reverse(poolRenames, v.pool()), v.volume()).key();
            String path = d.volumePaths().get(key);
            if (path == null) {
                problems.add("volume " + key + " does not exist in libvirt");
            } else {
                files.add(path);
            }
        }
        for (String f : files) {
            if (!checks.readable(f)) {
                problems.add("disk " + f + " cannot be read by user " + System.getProperty("user.name"));
            }
        }
        ImportPlan.NvramCopy nvram = null;
        if (def.nvram() == null && def.autoEfi()) {
            notes.add("UEFI variables: libvirt keeps them outside the definition, jvirt makes its own at the first start");
        }
        if (def.nvram() != null) {
            String vars = def.nvram();
            long size = checks.size(vars);
            if (size < 0) {
                def.dropNvramPath();
                notes.add("NVRAM " + vars + " not made by libvirt yet: jvirt makes its own at the first start");
            } else if (!jvirt.poolUuids().containsKey(MOVE_TO)) {
                problems.add("NVRAM " + vars + " is copied into jvirt's pool '" + MOVE_TO + "', which jvirt does not have");
            } else {
                nvram = new ImportPlan.NvramCopy(vars, size, MOVE_TO, d.name() + "_VARS.fd");
                notes.add("NVRAM copied to " + MOVE_TO + "/" + nvram.volume());
            }
        }
        String tpmState = null;
        String tpmVersion = def.emulatedTpmVersion();
        if (tpmVersion != null) {
            String dir = swtpmRoot == null ? null
                    : swtpmRoot + "/" + d.uuid() + "/" + ("1.2".equals(tpmVersion) ? "tpm1.2" : "tpm2");
            if (dir == null) {
                notes.add("TPM state is not carried (libvirt's swtpm directory unknown): jvirt's TPM starts empty");
            } else if (!checks.directoryReadable(dir)) {
                notes.add("TPM state: libvirt has none in " + dir + " (never started?), or this user cannot read it: jvirt's TPM starts empty");
            } else {
                tpmState = dir;
                notes.add("TPM state copied from " + dir);
            }
        }
        if (d.running()) {
            notes.add("running under libvirt" + (d.holderPid() > 0 ? " (QEMU pid " + d.holderPid() + ")" : "")
                    + ": definition only; jvirt will not start it while that QEMU holds its disks");
        }
        List<ImportPlan.Copy> copies = new ArrayList<>();
        if (moveDisks && !def.volumeRefs().isEmpty()) {
            if (d.running()) {
                notes.add("disks not copied: a running guest's images cannot be copied whole");
            } else if (!jvirt.poolUuids().containsKey(MOVE_TO)) {
                problems.add("--move-disks copies into jvirt's pool '" + MOVE_TO + "', which jvirt does not have");
            } else {
                for (DefinitionXml.VolumeRef v : def.volumeRefs()) {
                    copies.add(new ImportPlan.Copy(v.pool(), v.volume(), MOVE_TO));
                    notes.add("volume " + v.key() + " copied to " + MOVE_TO + "/" + v.volume());
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Step(Kind.DOMAIN, d.name(), d.name(), Action.REFUSE, problems, null, d.autostart(), false);
        }
        DefinitionXml resolved = DefinitionXml.parse(def.format(), "domain " + d.name());
        resolved.volumesToFiles(v -> d.volumePaths().get(new DefinitionXml.VolumeRef(reverse(poolRenames, v.pool()), v.volume()).key()));
        if (!copies.isEmpty()) {
            Map<String, String> toJvirt = new HashMap<>();
            copies.forEach(c -> toJvirt.put(c.fromPool(), c.toPool()));
            def.renamePoolRefs(toJvirt);
        }
        def.mark(source.uri(), digest);
        String xml = def.format();
        Optional<String> refusal = checks.refusal(resolved.format());
        if (refusal.isPresent()) {
            return refuse(d, "jvirt cannot run it: " + refusal.get());
        }
        autostartNote(notes, Action.DEFINE, d.autostart());
        return new Step(Kind.DOMAIN, d.name(), d.name(), Action.DEFINE, notes, xml, d.autostart(), false, List.copyOf(copies),
                nvram, tpmState);
    }

    /** libvirt's names of the networks or pools a domain uses → jvirt's, with a problem for each jvirt will not have. */
    private Map<String, String> renames(List<String> refs, Map<String, Step> steps, String kind, List<String> problems) {
        Map<String, String> out = new HashMap<>();
        Set<String> seen = new LinkedHashSet<>(refs);
        Map<String, String> held = kind.equals("pool") ? jvirt.poolUuids() : jvirt.networkUuids();
        for (String ref : seen) {
            Step s = steps.get(ref);
            if (s == null) {
                if (!held.containsKey(ref)) {
                    problems.add("uses " + kind + " '" + ref + "', which jvirt does not have (add --" + kind + "s)");
                }
            } else if (s.action() == Action.REFUSE) {
                problems.add("uses " + kind + " '" + ref + "', which is refused");
            } else if (!s.target().equals(ref)) {
                out.put(ref, s.target());
            }
        }
        return out;
    }

    private static String reverse(Map<String, String> renames, String target) {
        return renames.entrySet().stream().filter(e -> e.getValue().equals(target)).map(Map.Entry::getKey).findFirst().orElse(target);
    }

    private static Step refuse(LibvirtInventory.Domain d, String why) {
        return new Step(Kind.DOMAIN, d.name(), d.name(), Action.REFUSE, List.of(why), null, d.autostart(), false);
    }
}
