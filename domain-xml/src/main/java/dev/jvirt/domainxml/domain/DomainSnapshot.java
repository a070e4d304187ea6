package dev.jvirt.domainxml.domain;

import java.util.List;
import java.util.Objects;

/**
 * A domain snapshot as libvirt's {@code <domainsnapshot>} XML has it (the domainsnapshot schema's
 * part jvirt uses): its name, description, the domain's state when it was taken ({@code running},
 * {@code paused}, {@code shutoff}, {@code disk-snapshot}), creation time (seconds since the
 * epoch), parent, where the memory went ({@code internal}, {@code no}), each disk's
 * snapshot ({@code internal}, {@code external} with its overlay file, {@code no}) and the
 * domain's definition at that moment (null in a request, where libvirt ignores it).
 */
public record DomainSnapshot(String name, String description, String state, Long creationTime, String parent,
                             String memory, List<SnapshotDisk> disks, Domain domain) {

    public DomainSnapshot {
        disks = List.copyOf(disks);
    }

    /**
     * One {@code <disk>} of the snapshot: {@code name} is the target ({@code vda}); {@code source}
     * the overlay of an external one; {@code driverType} its format.
     */
    public record SnapshotDisk(String name, String snapshot, String source, String driverType) {
        public SnapshotDisk {
            Objects.requireNonNull(name, "name");
        }
    }

    public DomainSnapshot withName(String n) {
        return new DomainSnapshot(n, description, state, creationTime, parent, memory, disks, domain);
    }

    public DomainSnapshot withDescription(String d) {
        return new DomainSnapshot(name, d, state, creationTime, parent, memory, disks, domain);
    }

    public DomainSnapshot withParent(String p) {
        return new DomainSnapshot(name, description, state, creationTime, p, memory, disks, domain);
    }

    /** Whether the snapshot has the guest's memory (a revert resumes it rather than booting). */
    public boolean hasMemory() {
        return "internal".equals(memory);
    }

    /** Whether any disk went into an external overlay. */
    public boolean isExternal() {
        return disks.stream().anyMatch(d -> "external".equals(d.snapshot()));
    }
}
