package dev.jvirt.virshcompat.imports;

import dev.jvirt.api.Domains;
import dev.jvirt.api.Networks;
import dev.jvirt.api.Storage;
import dev.jvirt.virshcompat.client.ApiClient;
import dev.jvirt.virshcompat.client.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** jvirt's side of an import, through jvirtd's API: what it holds, its checks, and the steps applied. */
public final class JvirtSide implements JvirtHoldings.Checks {

    private final ApiClient client;

    public JvirtSide(ApiClient client) {
        this.client = client;
    }

    /** What jvirt holds; the import digest is read only for the domains named in {@code names}. */
    public JvirtHoldings holdings(Set<String> names) {
        Map<String, JvirtHoldings.Held> domains = new HashMap<>();
        for (Domains.Summary d : client.domains()) {
            String digest = null;
            if (names.contains(d.name())) {
                digest = DefinitionXml.parse(client.xml(d.name(), true), "jvirt's domain " + d.name()).markerDigest();
            }
            domains.put(d.name(), new JvirtHoldings.Held(d.uuid(), digest));
        }
        Map<String, String> networks = new HashMap<>();
        for (Networks.Summary n : client.networks().list()) {
            networks.put(n.name(), n.uuid());
        }
        Map<String, String> pools = new HashMap<>();
        for (Storage.Pool p : client.storage().pools()) {
            pools.put(p.name(), p.uuid());
        }
        return new JvirtHoldings(domains, networks, pools);
    }

    /** jvirtd's own verdict: the command line it would run (domxml-to-native), or why it cannot. */
    @Override
    public Optional<String> refusal(String domainXml) {
        try {
            client.domxmlToNative("qemu-argv", domainXml);
            return Optional.empty();
        } catch (ApiException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public boolean readable(String path) {
        return Files.isReadable(Path.of(path));
    }
}
