package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import picocli.CommandLine.Option;

/** save and managedsave: the options both have. */
abstract class SaveStateCommand extends DomainCommand {

    @Option(names = "--running", description = "The guest runs after the restore, whatever it was at the save.")
    boolean running;

    @Option(names = "--paused", description = "The guest is paused after the restore, whatever it was at the save.")
    boolean paused;

    @Option(names = "--bypass-cache", description = "Accepted for virsh's sake; jvirtd writes through the page cache.")
    boolean bypassCache;

    @Option(names = "--verbose", description = "Display the progress of the save on stderr.")
    boolean verbose;

    Boolean runningAfter() {
        return SaveTarget.runningAfter(running, paused);
    }
}
