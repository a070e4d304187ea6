package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.domainxml.domain.NumaTune;
import java.util.regex.Pattern;

/**
 * {@code <numatune>} on a memory backend, as libvirt puts it on the command line: the host nodes
 * ({@code host-nodes}) and the policy ({@code strict} is {@code bind}, {@code preferred},
 * {@code interleave}); a {@code <memnode cellid>} overrides the domain's for that guest cell.
 * {@code mode='restrictive'} and {@code placement='auto'} are cgroup/numad placement, not on the
 * command line, and are refused rather than ignored.
 */
final class HostNodePolicy {

    private static final Pattern NODESET = Pattern.compile("[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*");

    private HostNodePolicy() {}

    /** Puts the policy for guest cell {@code cell} (null: the whole guest RAM) on {@code backend}. */
    static void apply(Domain def, Integer cell, ObjectNode backend) {
        NumaTune nt = def.tuning() == null ? null : def.tuning().numatune();
        if (nt == null) {
            return;
        }
        String mode = null;
        String nodeset = null;
        if (nt.memory() != null) {
            if ("auto".equals(nt.memory().placement())) {
                throw new CommandLineException("<numatune><memory placement='auto'>", "needs numad, which jvirt does not run; give a nodeset");
            }
            mode = nt.memory().mode();
            nodeset = nt.memory().nodeset();
        }
        for (NumaTune.MemNode m : nt.memnodes()) {
            if (cell != null && cell.equals(m.cellid())) {
                mode = m.mode();
                nodeset = m.nodeset();
            }
        }
        if (nodeset == null) {
            return;
        }
        String m = mode == null ? "strict" : mode;
        String policy = switch (m) {
            case "strict" -> "bind";
            case "preferred" -> "preferred";
            case "interleave" -> "interleave";
            default -> throw new CommandLineException("<numatune><memory mode='" + m + "'>",
                    "is not supported; use strict, preferred or interleave");
        };
        if (!NODESET.matcher(nodeset).matches()) {
            throw new CommandLineException("<numatune><memory nodeset='" + nodeset + "'>", "is not a node list like 0-1,3");
        }
        ArrayNode nodes = backend.putArray("host-nodes");
        for (String range : nodeset.split(",")) {
            String[] ends = range.split("-");
            int from = Integer.parseInt(ends[0]);
            int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
            for (int n = from; n <= to; n++) {
                nodes.add(n);
            }
        }
        backend.put("policy", policy);
    }
}
