package dev.jvirt.bridgenet;

import dev.jvirt.domainxml.network.Network;
import java.util.Collection;
import java.util.List;

/**
 * Checks a network definition against the other defined networks (active or not), as
 * {@code net-define} wants: no two networks on one bridge jvirt creates, no overlapping subnets.
 * A pure check; what the host itself uses is checked at start.
 */
public final class DefinitionConflicts {
    private DefinitionConflicts() {
    }

    /**
     * @throws NetworkConfigException naming {@code candidate}, the element, and the other network
     */
    public static void check(Network candidate, Collection<Network> others) {
        NetworkPlan plan = NetworkPlan.of(candidate);
        for (Network o : others) {
            if (o.name() != null && o.name().equals(candidate.name())) {
                continue;
            }
            NetworkPlan other = NetworkPlan.of(o);
            if (plan.bridge() != null && plan.bridge().equals(other.bridge()) && (plan.createBridge() || other.createBridge())) {
                throw new NetworkConfigException(plan.name(), "/network/bridge", "bridge '" + plan.bridge()
                        + "' is already the bridge of network '" + other.name() + "'; choose another <bridge name>");
            }
            if (!plan.createBridge() || !other.createBridge()) {
                continue;
            }
            List<HostChecks.Taken> taken = other.subnets().stream()
                    .map(s -> new HostChecks.Taken(other.name(), s.address().network(),
                            other.bridge() == null ? "a bridge jvirt names at start" : other.bridge()))
                    .toList();
            HostChecks.subnets(plan, taken, List.of(), List.of());
        }
    }
}
