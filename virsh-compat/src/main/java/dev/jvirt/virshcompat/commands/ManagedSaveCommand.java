package dev.jvirt.virshcompat.commands;

import picocli.CommandLine.Command;

/** {@code jvirsh managedsave}: save into the domain's own image, which its next start resumes. */
@Command(name = "managedsave", mixinStandardHelpOptions = true,
        description = {"Save a running domain's state into jvirtd's own image for it and stop it; the next "
                + "'jvirsh start' resumes it from there (dominfo shows 'Managed save: yes')."})
public final class ManagedSaveCommand extends SaveStateCommand {

    @Override
    protected void execute() {
        Boolean after = runningAfter();
        try (JobProgress progress = JobProgress.start(verbose, client(), name(), "Managedsave", err())) {
            client().saves().managedSave(name(), after);
            progress.completed();
        }
        info("\nDomain '" + name() + "' state saved by libvirt");
    }

    @Override
    protected String failureContext() {
        return "Failed to save domain '" + domain + "' state";
    }
}
