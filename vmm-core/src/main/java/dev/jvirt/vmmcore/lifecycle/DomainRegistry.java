package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.domainxml.Uuids;
import dev.jvirt.vmmcore.DomainConflictException;
import dev.jvirt.vmmcore.NoSuchDomainException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every domain by name, and by UUID. Structural changes are synchronized; lookups are cheap. A
 * UUID belongs to one entry from the moment a define or create claims it until the entry leaves
 * the registry, so two domains can never share one, however their defines interleave.
 */
public final class DomainRegistry {
    private final Map<String, DomainEntry> entries = new TreeMap<>();
    private final Map<String, DomainEntry> byUuid = new HashMap<>();
    private int lastId;

    public synchronized DomainEntry get(String name) {
        DomainEntry e = entries.get(name);
        if (e == null) {
            throw new NoSuchDomainException(name);
        }
        return e;
    }

    public synchronized Optional<DomainEntry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** The entry that holds {@code uuid} (any case, dashes anywhere or none: domain-xml's {@link Uuids#normalise}). */
    public synchronized Optional<DomainEntry> findByUuid(String uuid) {
        return Optional.ofNullable(byUuid.get(Uuids.normalise(uuid)));
    }

    /**
     * The domain {@code ref} names, as virsh takes it: a name; else a UUID (any case, dashes
     * optional); else the numeric id of an active domain.
     *
     * @throws NoSuchDomainException none is named so
     */
    public DomainEntry resolve(String ref) {
        Optional<DomainEntry> e = find(ref).filter(x -> x.current() != null);
        if (e.isEmpty()) {
            e = findByUuid(ref).filter(x -> x.current() != null);
        }
        if (e.isEmpty() && ref.chars().allMatch(Character::isDigit) && !ref.isEmpty() && ref.length() < 10) {
            int id = Integer.parseInt(ref);
            e = all().stream().filter(x -> x.guest() != null && x.guest().id() == id).findFirst();
        }
        return e.orElseThrow(() -> new NoSuchDomainException(ref));
    }

    /** The id for a new run of a domain: ids only increase, as libvirt's do. */
    public synchronized int nextId() {
        return ++lastId;
    }

    /** A run found on takeover has {@code id}: later ids continue after it. */
    public synchronized void noteId(int id) {
        lastId = Math.max(lastId, id);
    }

    /** The entry for {@code name}, created (shut off, no definition) if there is none. */
    public synchronized DomainEntry getOrCreate(String name) {
        return entries.computeIfAbsent(name, DomainEntry::new);
    }

    /** Adds a new entry; empty if the name is taken. */
    public synchronized Optional<DomainEntry> create(String name) {
        if (entries.containsKey(name)) {
            return Optional.empty();
        }
        DomainEntry e = new DomainEntry(name);
        entries.put(name, e);
        return Optional.of(e);
    }

    /**
     * Gives {@code uuid} to {@code entry}, atomically with the check that no other entry has it.
     *
     * @throws DomainConflictException naming the domain that has it (libvirt's words)
     */
    public synchronized void claimUuid(DomainEntry entry, String uuid) {
        DomainEntry owner = byUuid.get(Uuids.normalise(uuid));
        if (owner != null && owner != entry) {
            throw new DomainConflictException("domain '" + owner.name() + "' is already defined with uuid " + uuid
                    + "; remove <uuid> from the definition of '" + entry.name() + "' to get a new one");
        }
        byUuid.put(Uuids.normalise(uuid), entry);
    }

    /** Removes {@code entry} (and its UUID) if it is still the one registered under its name. */
    public synchronized void remove(DomainEntry entry) {
        entries.remove(entry.name(), entry);
        byUuid.values().removeIf(e -> e == entry);
        entry.markRemoved();
    }

    public synchronized List<DomainEntry> all() {
        return List.copyOf(entries.values());
    }
}
