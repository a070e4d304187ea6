package dev.jvirt.vmmcore.lifecycle;

import dev.jvirt.vmmcore.NoSuchDomainException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every domain by name. Structural changes are synchronized; lookups are cheap. */
public final class DomainRegistry {
    private final Map<String, DomainEntry> entries = new TreeMap<>();

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

    /** Removes {@code entry} if it is still the one registered under its name. */
    public synchronized void remove(DomainEntry entry) {
        entries.remove(entry.name(), entry);
        entry.markRemoved();
    }

    public synchronized List<DomainEntry> all() {
        return List.copyOf(entries.values());
    }
}
