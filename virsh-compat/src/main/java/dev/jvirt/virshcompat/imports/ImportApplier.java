package dev.jvirt.virshcompat.imports;

import dev.jvirt.api.Storage;
import dev.jvirt.virshcompat.client.ApiClient;
import dev.jvirt.virshcompat.imports.ImportPlan.Step;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Applies a plan's DEFINE steps through jvirtd's API, in the plan's order (pools, networks,
 * domains): copy a domain's volumes (--move-disks, clone jobs of jvirtd), define, then autostart,
 * then start (pools libvirt runs). A failure undefines what this run defined and deletes what it
 * copied, newest first, so an import is all or nothing.
 */
public final class ImportApplier {

    private final ApiClient client;

    public ImportApplier(ApiClient client) {
        this.client = client;
    }

    /** Applies every DEFINE step; {@code done} hears each object defined. */
    public void apply(ImportPlan plan, Consumer<Step> done) {
        Deque<Step> defined = new ArrayDeque<>();
        try {
            for (Step s : plan.toDefine()) {
                defined.push(s); // before: a failure half-way (volumes copied, define refused) is undone too
                define(s);
                after(s);
                done.accept(s);
            }
        } catch (RuntimeException e) {
            while (!defined.isEmpty()) {
                undo(defined.pop(), e);
            }
            throw e;
        }
    }

    private void define(Step s) {
        for (ImportPlan.Copy c : s.copies()) {
            client.storage().await(client.storage().cloneVolume(c.fromPool(), c.volume(),
                    new Storage.Clone(c.volume(), c.toPool(), null, null)), (done, total) -> { });
        }
        String xml = s.xml();
        if (s.nvram() != null) {
            xml = copyNvram(s.nvram(), xml, s.target());
        }
        switch (s.kind()) {
            case POOL -> client.storage().define(xml);
            case NETWORK -> client.networks().define(xml);
            case DOMAIN -> client.define(xml, true);
            default -> throw new IllegalStateException(s.kind().name());
        }
        if (s.tpmState() != null) {
            client.putTpmState(s.target(), tpmFiles(Path.of(s.tpmState()), s.target()));
        }
    }

    /** The regular files of libvirt's swtpm state directory, but swtpm's lock file ({@code .lock}, empty, not state). */
    static java.util.Map<String, byte[]> tpmFiles(Path dir, String domain) {
        java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> list = java.nio.file.Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String name = p.getFileName().toString();
                if (!name.equals(".lock") && java.nio.file.Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    files.put(name, java.nio.file.Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new ImportException("cannot read the TPM state of " + domain + " in " + dir + ": " + e.getMessage(), e);
        }
        return files;
    }

    /** libvirt's variables store as a raw volume of jvirt's (streamed through jvirtd); the XML names its path. */
    private String copyNvram(ImportPlan.NvramCopy n, String xml, String domain) {
        Storage.Volume v = client.storage().createVolume(n.toPool(),
                new Storage.CreateVolume(null, n.volume(), Long.toString(n.size()), "raw", null, null, null));
        try {
            client.storage().upload(n.toPool(), n.volume(), Path.of(n.source()), 0, n.size(), (done, total) -> { });
        } catch (IOException e) {
            throw new ImportException("cannot copy the NVRAM of " + domain + " from " + n.source() + ": " + e.getMessage(), e);
        }
        DefinitionXml def = DefinitionXml.parse(xml, "domain " + domain);
        def.setNvram(v.path());
        return def.format();
    }

    private void after(Step s) {
        if (s.autostart()) {
            switch (s.kind()) {
                case POOL -> client.storage().autostart(s.target(), true);
                case NETWORK -> client.networks().autostart(s.target(), true);
                case DOMAIN -> client.autostart(s.target(), true);
                default -> throw new IllegalStateException(s.kind().name());
            }
        }
        if (s.start() && s.kind() == ImportPlan.Kind.POOL) {
            client.storage().poolAction(s.target(), "start", null);
        }
    }

    private void undo(Step s, RuntimeException failure) {
        try {
            switch (s.kind()) {
                case POOL -> {
                    if (s.start()) {
                        client.storage().poolAction(s.target(), "destroy", null);
                    }
                    client.storage().undefine(s.target());
                }
                case NETWORK -> client.networks().undefine(s.target());
                case DOMAIN -> client.undefine(s.target());
                default -> throw new IllegalStateException(s.kind().name());
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        List<ImportPlan.Copy> copied = new ArrayList<>(s.copies());
        if (s.nvram() != null) {
            copied.add(new ImportPlan.Copy(null, s.nvram().volume(), s.nvram().toPool()));
        }
        for (ImportPlan.Copy c : copied) {
            try {
                client.storage().deleteVolume(c.toPool(), c.volume(), true);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
