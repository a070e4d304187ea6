package dev.jvirt.vmmcore;

import dev.jvirt.domainxml.domain.NestedLxd;
import dev.jvirt.vmmcore.lifecycle.DomainEntry;
import dev.jvirt.vmmcore.lifecycle.DomainOperations;
import dev.jvirt.vmmcore.lifecycle.DomainRegistry;
import dev.jvirt.vmmcore.lifecycle.GuestAgents;
import dev.jvirt.vmmcore.lifecycle.NestedLxdProbe;
import dev.jvirt.vmmcore.lifecycle.Operation;
import dev.jvirt.vmmcore.lifecycle.RunningGuest;
import java.time.Duration;
import java.util.List;

/**
 * What running guests do through their QEMU guest agent: run a command (virsh guest-exec, jvirsh
 * lxc) and report how far the nested-LXD option is (jvirsh nested-status). Part of the
 * {@link Hypervisor} facade ({@link Hypervisor#guestAgent()}).
 */
public final class DomainGuestAgent {
    private final DomainRegistry registry;
    private final DomainOperations operations;

    DomainGuestAgent(DomainRegistry registry, DomainOperations operations) {
        this.registry = registry;
        this.operations = operations;
    }

    /**
     * Runs {@code argv} in the running guest by its QEMU guest agent and waits up to
     * {@code timeout} for it to exit; {@code stdin} (or null) is its standard input.
     *
     * @throws GuestAgentException no agent channel, the agent does not answer, or it cannot run the command
     * @throws OperationTimeoutException the command did not exit in time (it goes on in the guest)
     */
    public GuestExecResult exec(String domain, List<String> argv, byte[] stdin, Duration timeout) {
        DomainEntry e = registry.resolve(domain);
        return GuestAgents.exec(operations.guest(e, Operation.AGENT), e.name(), argv, stdin, timeout);
    }

    /**
     * The running guest's interfaces and addresses as its QEMU guest agent reports them (domifaddr
     * --source agent).
     *
     * @throws GuestAgentException no agent channel, or the agent does not answer
     */
    public List<InterfaceAddresses> interfaceAddresses(String domain) {
        DomainEntry e = registry.resolve(domain);
        return GuestAgents.interfaces(operations.guest(e, Operation.AGENT), e.name());
    }

    /**
     * How far the nested-LXD option of the running domain is (LXD ready, its containers), as
     * the guest agent tells; a guest whose agent does not answer yet has {@code agent} false.
     *
     * @throws InvalidArgumentException the domain has no nested-lxd option
     */
    public NestedLxdStatus nestedStatus(String domain) {
        DomainEntry e = registry.resolve(domain);
        RunningGuest g = operations.guest(e, Operation.AGENT);
        NestedLxd option = NestedLxd.of(g.live()).orElseThrow(() -> new InvalidArgumentException("domain '" + e.name()
                + "' has no nested-lxd option (<jvirt:nested-lxd xmlns:jvirt='" + NestedLxd.NAMESPACE + "'/> in <metadata>)"));
        return NestedLxdProbe.status(g, e.name(), option);
    }
}
