package dev.jvirt.vmmcore;

import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.vmmcore.lifecycle.DomainDefinitions;
import dev.jvirt.vmmcore.lifecycle.DomainEntry;
import dev.jvirt.vmmcore.lifecycle.DomainRegistry;
import dev.jvirt.vmmcore.lifecycle.GuestStarter;
import dev.jvirt.vmmcore.lifecycle.Operation;
import dev.jvirt.vmmcore.qemu.argv.CommandLineException;
import java.util.List;

/**
 * What QEMU would run, built exactly as a start builds it, touching no guest file or process:
 * {@code jvirsh start --dry-run} and {@code domxml-to-native}. Part of the {@link Hypervisor}
 * facade ({@link Hypervisor#commandLines()}).
 */
public final class DomainCommandLines {
    private final DomainRegistry registry;
    private final GuestStarter starter;
    private final DomainDefinitions xml;

    DomainCommandLines(DomainRegistry registry, GuestStarter starter, DomainDefinitions xml) {
        this.registry = registry;
        this.starter = starter;
        this.xml = xml;
    }

    /** What {@link Hypervisor#start} would run: QEMU's argv. Checks state and accelerator; touches no guest file or process. */
    public List<String> startDryRun(String domain) {
        DomainEntry e = registry.resolve(domain);
        Operation.START.check(e.name(), e.status());
        return commandLine(e.persistent(), true);
    }

    /**
     * The QEMU argv a definition given as XML would run (virsh domxml-to-native): parsed,
     * completed and built as a start would, without the accelerator check; defines and touches nothing.
     *
     * @throws InvalidDomainException the XML is invalid, or cannot run with this QEMU
     */
    public List<String> domxmlToNative(String domainXml) {
        return commandLine(xml.complete(xml.parse(domainXml, null), null), false);
    }

    private List<String> commandLine(Domain def, boolean asStart) {
        try {
            return starter.dryRun(asStart ? starter.prepare(def) : starter.plan(def)).argv();
        } catch (CommandLineException ex) {
            if (asStart) {
                throw new StartRefusedException(def.name(), StartRefusedException.Kind.UNSUPPORTED_CONFIG, ex.getMessage(),
                        "correct it in the definition (jvirsh edit " + def.name() + ")");
            }
            throw new InvalidDomainException(ex.getMessage(), ex);
        }
    }
}
