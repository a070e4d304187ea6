package dev.jvirt.domainxml.domain;

/**
 * {@code <features>}: machine features. Booleans are presence flags; state values are on/off
 * (null when the element is absent).
 *
 * @param acpi {@code <acpi/>}
 * @param apic {@code <apic/>}
 * @param pae {@code <pae/>}
 * @param hap {@code <hap state>} or null
 * @param vmport {@code <vmport state>} or null
 * @param smm {@code <smm state>} or null
 * @param pmu {@code <pmu state>} or null
 * @param kvmHidden {@code <kvm><hidden state/></kvm>} or null
 * @param ioapicDriver {@code <ioapic driver='kvm|qemu'/>} or null
 */
public record Features(
    boolean acpi,
    boolean apic,
    boolean pae,
    Boolean hap,
    Boolean vmport,
    Boolean smm,
    Boolean pmu,
    Boolean kvmHidden,
    String ioapicDriver) {}
