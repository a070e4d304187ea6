package dev.jvirt.virshcompat.commands;

import dev.jvirt.api.Snapshots;
import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh snapshot-create-as}: a snapshot from options (name, description, disk-only, disk specs). */
@Command(name = "snapshot-create-as", mixinStandardHelpOptions = true,
        description = {"Create a snapshot of a domain: internal with its memory while it runs (revert resumes it), "
                + "internal of its disks while it is shut off, or with --disk-only an external qcow2 overlay over each disk "
                + "(deleting the snapshot commits it back)."})
public final class SnapshotCreateAsCommand extends DomainCommand {

    @Parameters(index = "1", arity = "0..1", paramLabel = "<name>", description = "The snapshot's name (default: the time in seconds).")
    String positionalName;

    @Option(names = "--name", paramLabel = "<name>", description = "The snapshot's name.")
    String optionName;

    @Option(names = "--description", paramLabel = "<text>", description = "A description of the snapshot.")
    String description;

    @Option(names = "--disk-only", description = "An external snapshot of the disks only (qcow2 overlays).")
    boolean diskOnly;

    @Option(names = "--no-metadata", description = "Take the snapshot but keep no metadata for it.")
    boolean noMetadata;

    @Option(names = "--atomic", description = "All disks or none (jvirtd stops at the first failure).")
    boolean atomic;

    @Option(names = "--live", description = "Accepted for virsh's sake: an active domain's internal snapshot pauses it only while QEMU writes.")
    boolean live;

    @Option(names = "--diskspec", paramLabel = "<spec>",
            description = "disk[,snapshot=external][,file=PATH][,driver=qcow2]: where a disk's overlay goes (implies --disk-only).")
    List<String> diskspecs = new ArrayList<>();

    @Override
    protected void execute() {
        if (positionalName != null && optionName != null) {
            throw new UsageException("Option --name was given twice");
        }
        Map<String, String> overlays = new LinkedHashMap<>();
        for (String spec : diskspecs) {
            parse(spec, overlays);
        }
        String snapshotName = optionName != null ? optionName : positionalName;
        Snapshots.Info s = client().snapshots().create(name(), new Snapshots.Create(null, snapshotName, description,
                diskOnly || !overlays.isEmpty(), noMetadata, overlays));
        info("Domain snapshot " + s.name() + " created");
    }

    private static void parse(String spec, Map<String, String> overlays) {
        String[] parts = spec.split(",");
        String disk = parts[0];
        String file = null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.startsWith("file=")) {
                file = p.substring(5);
            } else if (!p.equals("snapshot=external") && !p.equals("driver=qcow2")) {
                throw new UsageException("--diskspec '" + spec + "': only snapshot=external, file=PATH and driver=qcow2 are supported");
            }
        }
        if (disk.isEmpty()) {
            throw new UsageException("--diskspec '" + spec + "' names no disk");
        }
        if (file != null) {
            overlays.put(disk, SaveTarget.absolute(file));
        }
    }

    @Override
    protected boolean blankLine() {
        return false;
    }

    @Override
    protected String failureContext() {
        return "Failed to create a snapshot of domain '" + domain + "'";
    }
}
