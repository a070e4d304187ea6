package dev.jvirt.domainxml;

/** The rules a validator checks; each {@link Violation} names one. */
public enum ViolationKind {
    /** A required element or attribute is absent. */
    MISSING,
    /** A value is not one of the accepted words. */
    UNKNOWN_VALUE,
    /** A name breaks the naming rules. */
    NAME,
    /** A UUID is malformed. */
    UUID,
    /** Memory sizes are inconsistent or out of range. */
    MEMORY,
    /** vCPU count, current count or topology is inconsistent. */
    VCPU,
    /** Two disks use the same target device. */
    DUPLICATE_TARGET,
    /** A MAC address is malformed, multicast or all zeros. */
    MAC,
    /** Two devices use the same MAC address. */
    DUPLICATE_MAC,
    /** A bus is not known. */
    BUS,
    /** A device model is not known. */
    MODEL,
    /** Boot orders repeat or mix per-device and os/boot styles. */
    BOOT_ORDER,
    /** Two devices share an address, or an address is out of range. */
    ADDRESS,
    /** Two objects that must be unique (controllers, ...) collide. */
    DUPLICATE,
    /** A value is out of range or malformed (ports, paths, numbers). */
    RANGE,
    /** Elements or attributes that only make sense together are not combined properly. */
    INCONSISTENT,
    /** An IP address, netmask, prefix or DHCP range is wrong. */
    IP
}
