package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.Parsed;
import dev.jvirt.domainxml.Uuids;
import dev.jvirt.domainxml.domain.Domain;
import dev.jvirt.vmmcore.DomainConflictException;
import dev.jvirt.vmmcore.DomainEvent.Kind;
import dev.jvirt.vmmcore.VmmException;
import dev.jvirt.vmmcore.store.DefinitionStore;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persistent definitions into the registry: loading the stored ones, and define. A domain's
 * identity is its name and its UUID, each held by one domain: a name keeps its UUID, and a UUID is
 * claimed in the registry (atomically with the check that nobody has it) before anything is
 * written, so of concurrent defines with one UUID exactly one wins.
 */
public final class DomainDefiner {
    private static final Logger log = LoggerFactory.getLogger(DomainDefiner.class);
    private final DomainRegistry registry;
    private final DefinitionStore store;
    private final DomainDefinitions xml;
    private final StatusKeeper status;
    private final Duration busyWait;

    public DomainDefiner(DomainRegistry registry, DefinitionStore store, DomainDefinitions xml, StatusKeeper status,
                         Duration busyWait) {
        this.registry = registry;
        this.store = store;
        this.xml = xml;
        this.status = status;
        this.busyWait = busyWait;
    }

    /** Registers every stored definition; one that cannot be read, or whose UUID another has, is logged and skipped. */
    public void loadStored() {
        store.loadAll().forEach((name, text) -> {
            try {
                Domain def = xml.reload(text, store.file(name).toString());
                DomainEntry e = registry.getOrCreate(name);
                try {
                    registry.claimUuid(e, def.uuid());
                } catch (DomainConflictException ex) {
                    registry.remove(e);
                    throw ex;
                }
                e.persistent(def);
                e.autostart(store.isAutostart(name));
            } catch (VmmException ex) {
                log.error("ignoring stored definition {}: {}", store.file(name), ex.getMessage());
            }
        });
    }

    /** What a define did: the entry, and whether a stored definition of that name was replaced. */
    public record Defined(DomainEntry entry, boolean replaced) {
    }

    /**
     * Defines (or redefines) {@code domainXml}; returns its entry. A redefinition without a UUID
     * keeps the domain's; one with another is refused, as is a UUID another domain has, and with
     * {@code noReplace} any definition of a name that has one.
     *
     * @throws DomainConflictException with libvirt's words, naming the domain in the way
     */
    public Defined define(String domainXml, boolean noReplace) {
        Parsed<Domain> parsed = xml.parse(domainXml, null);
        String name = parsed.definition().name();
        while (true) {
            DomainEntry e = registry.getOrCreate(name);
            try (OperationLock.Held held = e.lock().acquire(Operation.DEFINE, busyWait)) {
                if (e.isRemoved()) {
                    continue; // undefined while this waited: define on a fresh entry
                }
                Domain current = e.current();
                boolean replaced = e.isPersistent();
                if (noReplace && current != null) {
                    throw new DomainConflictException("domain '" + name + "' already exists with uuid " + current.uuid()
                            + " (defined without replacing: undefine it first, or define without --no-replace)");
                }
                try {
                    Domain def = xml.complete(parsed, current == null ? null : current.uuid());
                    if (current != null && !Uuids.normalise(current.uuid()).equals(Uuids.normalise(def.uuid()))) {
                        throw new DomainConflictException("domain '" + name + "' already exists with uuid " + current.uuid()
                                + "; the new definition has " + def.uuid()
                                + " (remove its <uuid> to keep the old one, or undefine the domain first)");
                    }
                    registry.claimUuid(e, def.uuid());
                    store.save(name, xml.format(def));
                    e.persistent(def);
                } catch (RuntimeException ex) {
                    if (current == null) {
                        registry.remove(e); // a name nobody had is not left behind empty
                    }
                    throw ex;
                }
                status.publish(e, Kind.DEFINED, e.status().reason());
                return new Defined(e, replaced);
            }
        }
    }

    /** Removes the stored definition; a running domain goes on running as a transient one. */
    public void undefine(DomainEntry e) {
        try (OperationLock.Held held = e.acquire(Operation.UNDEFINE, busyWait)) {
            if (!e.isPersistent()) {
                throw new DomainConflictException("domain '" + e.name() + "' is transient: there is no definition to undefine");
            }
            store.delete(e.name());
            e.persistent(null);
            e.autostart(false);
            if (e.guest() == null) {
                registry.remove(e);
            }
            status.publish(e, Kind.UNDEFINED, e.status().reason());
        }
    }

    /** Marks a defined domain to start (or not) when the daemon starts. */
    public void setAutostart(DomainEntry e, boolean autostart) {
        try (OperationLock.Held held = e.acquire(Operation.AUTOSTART, busyWait)) {
            if (!e.isPersistent()) {
                throw new DomainConflictException("domain '" + e.name() + "' is transient: only defined domains autostart");
            }
            store.setAutostart(e.name(), autostart);
            e.autostart(autostart);
        }
    }
}
