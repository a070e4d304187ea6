package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.client.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh change-media DOMAIN PATH [SOURCE] --eject|--insert|--update}: a running guest's CD-ROM medium changed. */
@Command(name = "change-media", mixinStandardHelpOptions = true,
        description = {"Eject, insert or replace the medium of a running domain's CD-ROM drive (PATH: its target, hdc, "
                + "or its current source). Changing the stored definition (--config) is not supported: use "
                + "attach-disk/detach-disk --config."})
public final class ChangeMediaCommand extends LiveConfigCommand {
    @Parameters(index = "1", paramLabel = "<path>", description = "The drive: its target or its current source path.") String path;
    @Parameters(index = "2", arity = "0..1", paramLabel = "<source>", description = "The new medium (a file).") String sourceArgument;
    @Option(names = "--source", paramLabel = "<string>", description = "The new medium, as <source>.") String sourceOption;
    @Option(names = "--eject", description = "Eject the medium.") boolean eject;
    @Option(names = "--insert", description = "Insert a medium into the empty drive.") boolean insert;
    @Option(names = "--update", description = "Replace the medium (eject it if no source is given).") boolean update;
    @Option(names = "--force", description = "Eject even if the guest has locked the tray.") boolean force;

    @Override
    protected void execute() {
        String source = sourceOption != null ? sourceOption : sourceArgument;
        int actions = (eject ? 1 : 0) + (insert ? 1 : 0) + (update ? 1 : 0);
        if (actions > 1) {
            throw new UsageException("Options --eject, --insert and --update are mutually exclusive");
        }
        if (eject && source != null) {
            throw new UsageException("--eject takes no source");
        }
        if (insert && source == null) {
            throw new UsageException("No source is specified for inserting media");
        }
        Boolean[] f = scope();
        if (Boolean.TRUE.equals(f[1])) {
            throw new UsageException("change-media --config is not supported; use attach-disk --config with --type cdrom");
        }
        boolean ejecting = eject || (update && source == null) || (actions == 0 && source == null);
        client().tuning().changeMedia(name(), path, ejecting ? null : source, force);
        out().println(ejecting ? "Successfully ejected media." : insert ? "Successfully inserted media."
                : "Successfully updated media.");
    }

    @Override
    public String completesDomains() {
        return "active";
    }
}
