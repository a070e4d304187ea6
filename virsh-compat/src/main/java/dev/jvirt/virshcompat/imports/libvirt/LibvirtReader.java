package dev.jvirt.virshcompat.imports.libvirt;

import dev.jvirt.virshcompat.imports.DefinitionXml;
import dev.jvirt.virshcompat.imports.ImportException;
import dev.jvirt.virshcompat.imports.LibvirtInventory;
import dev.jvirt.virshcompat.imports.LibvirtSource;
import dev.jvirt.virshcompat.imports.QemuPids;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.StoragePool;

/**
 * Reads definitions from a running libvirt through libvirt-java (libvirt.so over JNA), read-only.
 * The one class that names {@code org.libvirt}; {@code LibvirtLoader} loads it with libvirt-java's
 * jar for {@code jvirsh import} only, so no other command opens that jar or maps libvirt.so.
 */
public final class LibvirtReader implements LibvirtSource {

    /** {@code VIR_DOMAIN_XML_INACTIVE}: the persistent definition, not the running guest's. */
    private static final int XML_INACTIVE = 2;

    /** Made by {@code LibvirtLoader}, in its class loader. */
    public LibvirtReader() {
    }

    /**
     * The domains named (every defined one when {@code all}), and every network and pool when
     * asked; a name libvirt does not have goes to {@link LibvirtInventory#missingDomains()}.
     */
    @Override
    public LibvirtInventory read(String uri, boolean all, List<String> names, boolean networks, boolean pools) {
        Connect conn = open(uri);
        try {
            Map<String, Domain> found = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            if (all) {
                for (int id : conn.listDomains()) {
                    Domain d = conn.domainLookupByID(id);
                    found.put(d.getName(), d);
                }
                for (String n : conn.listDefinedDomains()) {
                    found.put(n, conn.domainLookupByName(n));
                }
            }
            for (String n : names) {
                try {
                    found.putIfAbsent(n, conn.domainLookupByName(n));
                } catch (LibvirtException e) {
                    if (e.getError().getCode() != Error.ErrorNumber.VIR_ERR_NO_DOMAIN) {
                        throw e;
                    }
                    missing.add(n);
                }
            }
            List<LibvirtInventory.Domain> domains = new ArrayList<>();
            for (Domain d : found.values()) {
                domains.add(domain(conn, d));
            }
            return new LibvirtInventory(uri, domains, networks ? networks(conn) : List.of(),
                    pools ? pools(conn) : List.of(), missing);
        } catch (LibvirtException e) {
            throw new ImportException("libvirt at " + uri + " failed: " + e.getError().getMessage(), e);
        } finally {
            try {
                conn.close();
            } catch (LibvirtException ignored) {
                // read-only connection: nothing is lost
            }
        }
    }

    private static Connect open(String uri) {
        try {
            Connect.setErrorCallback(Quiet.INSTANCE);
            return new Connect(uri, true);
        } catch (LibvirtException e) {
            throw new ImportException("cannot connect to libvirt at " + uri + ": " + e.getError().getMessage(), e);
        } catch (LinkageError e) { // UnsatisfiedLinkError, or JNA's failure inside libvirt-java's class initialiser
            throw new ImportException("libvirt's library (libvirt.so.0) cannot be loaded: " + e.getMessage()
                    + " (install Debian's libvirt0)", e);
        }
    }

    private static LibvirtInventory.Domain domain(Connect conn, Domain d) throws LibvirtException {
        String xml = d.getXMLDesc(XML_INACTIVE);
        boolean running = d.isActive() == 1;
        long pid = 0;
        if (running) {
            pid = QemuPids.of(d.getName()).orElse(0L);
        }
        Map<String, String> volumes = new LinkedHashMap<>();
        for (DefinitionXml.VolumeRef ref : DefinitionXml.parse(xml, "domain " + d.getName()).volumeRefs()) {
            try {
                volumes.put(ref.key(), conn.storagePoolLookupByName(ref.pool()).storageVolLookupByName(ref.volume()).getPath());
            } catch (LibvirtException e) {
                volumes.put(ref.key(), null); // the plan says the volume is missing
            }
        }
        return new LibvirtInventory.Domain(d.getName(), d.getUUIDString(), xml, running, pid, d.getAutostart(), volumes);
    }

    private static List<LibvirtInventory.Network> networks(Connect conn) throws LibvirtException {
        Set<String> names = new LinkedHashSet<>(List.of(conn.listNetworks()));
        names.addAll(List.of(conn.listDefinedNetworks()));
        List<LibvirtInventory.Network> out = new ArrayList<>();
        for (String n : names) {
            Network net = conn.networkLookupByName(n);
            out.add(new LibvirtInventory.Network(n, net.getUUIDString(), net.getXMLDesc(XML_INACTIVE_NETWORK),
                    net.isActive() == 1, net.getAutostart()));
        }
        return out;
    }

    /** {@code VIR_NETWORK_XML_INACTIVE}. */
    private static final int XML_INACTIVE_NETWORK = 1;

    private static List<LibvirtInventory.Pool> pools(Connect conn) throws LibvirtException {
        Set<String> names = new LinkedHashSet<>(List.of(conn.listStoragePools()));
        names.addAll(List.of(conn.listDefinedStoragePools()));
        List<LibvirtInventory.Pool> out = new ArrayList<>();
        for (String n : names) {
            StoragePool p = conn.storagePoolLookupByName(n);
            out.add(new LibvirtInventory.Pool(n, p.getUUIDString(), p.getXMLDesc(XML_INACTIVE_POOL),
                    p.isActive() == 1, p.getAutostart()));
        }
        return out;
    }

    /** {@code VIR_STORAGE_XML_INACTIVE}. */
    private static final int XML_INACTIVE_POOL = 1;

    /** libvirt's default error handler prints every error on stderr; the import says them itself. */
    public static final class Quiet implements org.libvirt.jna.Libvirt.VirErrorCallback {
        static final Quiet INSTANCE = new Quiet(); // held: JNA must not lose the callback to the GC

        @Override
        public void errorCallback(com.sun.jna.Pointer userData, org.libvirt.jna.virError error) {
            // reported through the LibvirtException the call throws
        }
    }
}
