package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.client.UsageException;
import dev.jvirt.virshcompat.format.ScaledSize;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** setmem and setmaxmem: a size (KiB unless it has a unit) given after the domain or as --size. */
abstract class MemorySizeCommand extends LiveConfigCommand {
    @Parameters(index = "1", arity = "0..1", paramLabel = "<size>",
            description = "New size: a number of KiB, or with a unit (512M, 1G, 1000000KB).")
    String sizeArgument;

    @Option(names = {"--size", "--kilobytes"}, paramLabel = "<number>", description = "New size, as <size>.")
    String sizeOption;

    /** The size in KiB; virsh's errors for a missing, malformed or zero one. */
    protected long kib(String command, String api) {
        String v = sizeOption != null ? sizeOption : sizeArgument;
        if (v == null) {
            throw new UsageException("command '" + command + "' requires --size option");
        }
        long kib = ScaledSize.kib(v, "size");
        if (kib == 0) {
            throw new UsageException("memory in " + api + " must not be zero");
        }
        return kib;
    }
}
