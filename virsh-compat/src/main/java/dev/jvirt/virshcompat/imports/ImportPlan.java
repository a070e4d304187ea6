package dev.jvirt.virshcompat.imports;

import dev.jvirt.virshcompat.format.VshTable;
import java.util.List;

/** What an import will do, one step per object, in the order it is applied (pools, networks, domains). */
public record ImportPlan(List<Step> steps) {

    public enum Kind { POOL, NETWORK, DOMAIN }

    public enum Action {
        /** Defined in jvirt. */
        DEFINE("define"),
        /** jvirt has it already, as libvirt has it: nothing to do. */
        UNCHANGED("unchanged"),
        /** Cannot be imported; the notes say why. */
        REFUSE("refuse");

        final String word;

        Action(String word) {
            this.word = word;
        }
    }

    /** libvirt's UEFI variables store {@code source}, copied into jvirt's pool {@code toPool} as {@code volume}. */
    public record NvramCopy(String source, long size, String toPool, String volume) {}

    /** A volume copied (--move-disks) from the imported pool {@code fromPool} into jvirt's pool {@code toPool}. */
    public record Copy(String fromPool, String volume, String toPool) {}

    /**
     * One object: its libvirt name, the name it gets in jvirt, the definition to hand to jvirtd
     * (DEFINE only), its autostart flag, whether to start it (a pool libvirt has running), and the
     * volumes and the NVRAM to copy before it is defined (the NVRAM copy's path goes into the XML then),
     * and libvirt's swtpm state directory of its emulated TPM, placed in jvirt after the define (or null).
     */
    public record Step(Kind kind, String source, String target, Action action, List<String> notes, String xml,
            boolean autostart, boolean start, List<Copy> copies, NvramCopy nvram, String tpmState) {

        public Step(Kind kind, String source, String target, Action action, List<String> notes, String xml,
                boolean autostart, boolean start) {
            this(kind, source, target, action, notes, xml, autostart, start, List.of(), null, null);
        }

        public String object() {
            String word = kind.name().toLowerCase(java.util.Locale.ROOT);
            return source.equals(target) ? word + " " + source : word + " " + source + " -> " + target;
        }
    }

    public List<Step> refused() {
        return steps.stream().filter(s -> s.action() == Action.REFUSE).toList();
    }

    public List<Step> toDefine() {
        return steps.stream().filter(s -> s.action() == Action.DEFINE).toList();
    }

    /** The table virsh-style: Object, Action, Notes (notes joined by "; "). */
    public String table() {
        VshTable t = VshTable.withHeader("Object", "Action", "Notes");
        for (Step s : steps) {
            t.row(s.object(), s.action().word, String.join("; ", s.notes()));
        }
        return t.render();
    }
}
