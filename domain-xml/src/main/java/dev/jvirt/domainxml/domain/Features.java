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
 * @param hyperv {@code <hyperv>} enlightenments, or null
 * @param kvmHintDedicated {@code <kvm><hint-dedicated state/></kvm>} or null
 * @param kvmPollControl {@code <kvm><poll-control state/></kvm>} or null
 * @param kvmPvIpi {@code <kvm><pv-ipi state/></kvm>} or null
 * @param vmcoreinfo {@code <vmcoreinfo state>} or null
 * @param pvspinlock {@code <pvspinlock state>} or null
 * @param gicVersion {@code <gic version>} (ARM only; validation refuses it on x86), or null
 * @param gic true when {@code <gic>} is present
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
        String ioapicDriver,
        Hyperv hyperv,
        Boolean kvmHintDedicated,
        Boolean kvmPollControl,
        Boolean kvmPvIpi,
        Boolean vmcoreinfo,
        Boolean pvspinlock,
        String gicVersion,
        boolean gic) {

    /** True when a {@code <kvm>} element is to be written. */
    public boolean hasKvm() {
        return kvmHidden != null || kvmHintDedicated != null || kvmPollControl != null || kvmPvIpi != null;
    }
}
