package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Snapshots;
import java.io.PrintWriter;
import java.util.List;

/** virsh's tree of snapshots (vshTreePrint): each root, then its children under "  |" and "+- ". */
final class SnapshotTreeText {

    private SnapshotTreeText() {
    }

    static void print(PrintWriter out, List<Snapshots.Info> all) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).parent() == null) {
                print(out, all, i, -1, true, new StringBuilder());
            }
        }
    }

    private static void print(PrintWriter out, List<Snapshots.Info> all, int dev, int lastDev, boolean root, StringBuilder indent) {
        String name = all.get(dev).name();
        out.println(indent + (root ? "" : "+- ") + name);
        if (!root) {
            indent.append(dev == lastDev ? ' ' : '|').append(' ');
        }
        int nextLast = -1;
        for (int i = 0; i < all.size(); i++) {
            if (name.equals(all.get(i).parent())) {
                nextLast = i;
            }
        }
        if (nextLast != -1) {
            out.println(indent + "  |");
        }
        indent.append("  ");
        for (int i = 0; i < all.size(); i++) {
            if (name.equals(all.get(i).parent())) {
                print(out, all, i, nextLast, false, indent);
            }
        }
        indent.setLength(indent.length() - 2);
        if (nextLast == -1 && dev == lastDev) {
            out.println(indent.toString());
        }
        if (!root) {
            indent.setLength(indent.length() - 2);
        }
    }
}
