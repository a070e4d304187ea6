package dev.jvirt.domainxml.domain;

/**
 * {@code <controller type='pci|usb|scsi|virtio-serial|sata|ide' index='0' model='...'>}.
 *
 * @param type controller kind
 * @param index index within the kind (null means 0)
 * @param model model attribute, e.g. {@code virtio-scsi}, {@code qemu-xhci}, {@code pcie-root-port}
 * @param ports virtio-serial or usb ports, or null
 * @param vectors virtio-serial vectors, or null
 * @param driverQueues {@code <driver queues>}, or null
 * @param driverIothread {@code <driver iothread>}, or null
 * @param modelName {@code <model name>} of PCI controllers, or null
 * @param targetChassis {@code <target chassis>} of PCI controllers, or null
 * @param targetPort {@code <target port>} of PCI controllers (e.g. 0x10), or null
 * @param targetBusNr {@code <target busNr>} of PCI expander buses, or null
 * @param masterStartport {@code <master startport>} of USB companions, or null
 * @param address {@code <address>}, or null
 */
public record Controller(
        String type,
        Integer index,
        String model,
        Integer ports,
        Integer vectors,
        Integer driverQueues,
        Integer driverIothread,
        String modelName,
        Integer targetChassis,
        Integer targetPort,
        Integer targetBusNr,
        Integer masterStartport,
        Address address) {

    /** Index, 0 when not given. */
    public int indexOrZero() {
        return index == null ? 0 : index;
    }

    /** A copy with another address. */
    public Controller withAddress(Address a) {
        return new Controller(type, index, model, ports, vectors, driverQueues, driverIothread,
                modelName, targetChassis, targetPort, targetBusNr, masterStartport, a);
    }
}
