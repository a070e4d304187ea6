package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Domains;
import dev.jvirt.api.Storage;
import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.ApiException;
import dev.jvirt.virshcompat.client.UsageException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jvirsh undefine}: removes a domain's persistent definition, and with --remove-all-storage or --storage its volumes. */
@Command(name = "undefine", mixinStandardHelpOptions = true,
        description = {"Undefine a domain: remove its persistent definition. A running domain keeps running "
                + "as a transient one and disappears when it stops. Disk images are not touched, unless "
                + "--remove-all-storage or --storage names them: then the ones that are volumes of a pool are deleted."})
public final class UndefineCommand extends DomainCommand {

    @Option(names = "--remove-all-storage", description = "Remove every storage volume the domain's disks use.")
    boolean removeAllStorage;

    @Option(names = "--storage", paramLabel = "<string>",
            description = "Remove the volumes of these disks: a comma-separated list of targets (vda) or sources (paths).")
    String storage;

    @Override
    protected void execute() {
        if (removeAllStorage && storage != null) {
            throw new UsageException("Options --remove-all-storage and --storage are mutually exclusive");
        }
        List<Domains.BlockDevice> remove = new ArrayList<>();
        if (removeAllStorage || storage != null) {
            List<String> wanted = storage == null ? List.of() : List.of(storage.split(","));
            for (Domains.BlockDevice d : client().blockDevices(name(), true)) {
                if (d.source() != null && (removeAllStorage || wanted.contains(d.target()) || wanted.contains(d.source()))) {
                    remove.add(d);
                }
            }
        }
        client().undefine(name());
        info("Domain '" + name() + "' has been undefined");
        for (Domains.BlockDevice d : remove) {
            String shown = "volume".equals(d.type()) ? d.source().substring(d.source().indexOf('/') + 1) : d.source();
            try {
                Storage.Volume v;
                if ("volume".equals(d.type())) {
                    int slash = d.source().indexOf('/');
                    v = client().storage().volume(d.source().substring(0, slash), d.source().substring(slash + 1));
                } else {
                    v = client().storage().byKey(d.source());
                }
                client().storage().deleteVolume(v.pool(), v.name(), false);
                info("Volume '" + d.target() + "'(" + shown + ") removed.");
            } catch (ApiException e) {
                if ("no-such-volume".equals(e.code()) && !"volume".equals(d.type())) {
                    err().println("error: Storage volume '" + d.target() + "'(" + shown + ") is not managed by jvirt. Remove it manually.");
                } else {
                    err().println("error: Failed to remove storage volume '" + d.target() + "'(" + shown + ")");
                    err().println("error: " + e.getMessage());
                }
                err().flush();
                exitWith(1);
            }
        }
    }

    @Override
    protected String failureContext() {
        return "Failed to undefine domain '" + domain + "'";
    }
}
