package dev.jvirt.virshcompat.imports;

import java.util.List;

/**
 * Where an import reads libvirt's definitions from. The implementation (libvirt-java over
 * libvirt.so, {@code imports.libvirt.LibvirtReader}) is loaded by {@link LibvirtLoader} from
 * {@code lib/libvirt-*.jar}, which is on no command's class path: only {@code jvirsh import}
 * opens that jar and maps the native library.
 */
public interface LibvirtSource {

    /** See {@code LibvirtReader.read}: the domains named (or all), and every network and pool when asked. */
    LibvirtInventory read(String uri, boolean all, List<String> names, boolean networks, boolean pools);

    /** The libvirt-java implementation, loaded now. */
    static LibvirtSource load() {
        return LibvirtLoader.load();
    }
}
