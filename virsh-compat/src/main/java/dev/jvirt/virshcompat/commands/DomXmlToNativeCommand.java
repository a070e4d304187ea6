package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.client.UsageException;
import dev.jvirt.virshcompat.format.ShellWords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jvirsh domxml-to-native qemu-argv FILE}: the QEMU command line jvirtd would run. */
@Command(name = "domxml-to-native", mixinStandardHelpOptions = true,
        description = {"Print the QEMU command line jvirtd would run for a domain XML file, without starting "
                + "anything (a dry run). Arguments are shell-quoted where needed, so the line can be pasted."})
public final class DomXmlToNativeCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<format>", description = "Target format: qemu-argv.")
    String format;

    @Parameters(index = "1", paramLabel = "<xml>", description = "File containing an XML domain description.")
    String file;

    @Override
    protected void execute() throws Exception {
        if (!"qemu-argv".equals(format)) {
            throw new UsageException("invalid argument: unsupported config type " + format);
        }
        String xml = XmlFile.read(file);
        out().println(ShellWords.join(client().domxmlToNative(format, xml)));
    }
}
