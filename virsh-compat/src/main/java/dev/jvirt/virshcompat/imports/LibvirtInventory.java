package dev.jvirt.virshcompat.imports;

import java.util.List;
import java.util.Map;

/**
 * What a running libvirt holds, as read for an import: the definitions asked for (inactive XML,
 * as {@code virsh dumpxml --inactive} gives it), their state and autostart flags, and the names
 * asked for that libvirt does not have.
 */
public record LibvirtInventory(String uri, List<Domain> domains, List<Network> networks, List<Pool> pools,
        List<String> missingDomains) {

    /**
     * A domain: {@code holderPid} is its QEMU's pid when it runs under libvirt (0 when shut off),
     * {@code volumePaths} the path of each {@code <disk type='volume'>} as "POOL/VOLUME" → path.
     */
    public record Domain(String name, String uuid, String xml, boolean running, long holderPid, boolean autostart,
            Map<String, String> volumePaths) {}

    public record Network(String name, String uuid, String xml, boolean active, boolean autostart) {}

    public record Pool(String name, String uuid, String xml, boolean active, boolean autostart) {}
}
