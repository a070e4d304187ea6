package dev.jvirt.vmmcore;

import java.util.List;

/**
 * How far a guest with the nested-LXD option is, as its guest agent tells (jvirsh nested-status).
 *
 * @param ready LXD answers and the preseed applied: the storage pool, the bridge with its subnet
 *     and the default profile's nesting are as the option asks, and the setup script finished
 * @param agent whether the guest agent answered
 * @param cloudInit cloud-init's status ({@code running}, {@code done}, {@code error}, ...), or null
 * @param setup the setup script's state: {@code pending}, {@code done} or {@code failed}, or null
 * @param lxdService {@code systemctl is-active lxd.service}, or null
 * @param lxdVersion the LXD server's version, or null while it does not answer
 * @param problems what is not (yet) as the option asks, for people; empty when ready
 * @param containers the LXD instances with their state and addresses
 */
public record NestedLxdStatus(boolean ready, boolean agent, String cloudInit, String setup, String lxdService,
                              String lxdVersion, List<String> problems, List<Container> containers) {
    public NestedLxdStatus {
        problems = List.copyOf(problems);
        containers = List.copyOf(containers);
    }

    /**
     * One LXD instance.
     *
     * @param name its name
     * @param status LXD's status, e.g. {@code Running}
     * @param addresses its global IPv4 and IPv6 addresses (loopback left out)
     * @param limits its {@code limits.*} keys as {@code key=value}
     */
    public record Container(String name, String status, List<String> addresses, List<String> limits) {
        public Container {
            addresses = List.copyOf(addresses);
            limits = List.copyOf(limits);
        }
    }
}
