package dev.jvirt.vmmcore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code virsh domstats} of one domain: libvirt's keys ({@code state.state}, {@code balloon.rss},
 * {@code block.0.rd.reqs}, ...) in libvirt's order, each a number or a string.
 */
public record DomainStats(String name, Map<String, Object> stats) {

    /** The groups as virsh names them (its --state, --cpu-total, ... options). */
    public enum Group {
        STATE("state"), CPU_TOTAL("cpu-total"), BALLOON("balloon"), VCPU("vcpu"), INTERFACE("interface"), BLOCK("block");

        private final String option;

        Group(String option) {
            this.option = option;
        }

        public String option() {
            return option;
        }

        /** The group named {@code option}, as in {@code ?groups=state,block}. */
        public static Group of(String option) {
            for (Group g : values()) {
                if (g.option.equals(option)) {
                    return g;
                }
            }
            throw new InvalidArgumentException("unknown statistics group '" + option
                    + "'; use state, cpu-total, balloon, vcpu, interface or block");
        }
    }

    public DomainStats {
        stats = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stats));
    }

    /** Every group. */
    public static final Set<Group> ALL = Set.of(Group.values());
}
