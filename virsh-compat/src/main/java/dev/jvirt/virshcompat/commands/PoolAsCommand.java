package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.JvirshCommand;
import dev.jvirt.virshcompat.format.XmlText;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** pool-define-as and pool-create-as: a pool's XML from arguments, as virsh writes it. */
public abstract class PoolAsCommand extends JvirshCommand {

    @Parameters(index = "0", paramLabel = "<name>", description = "Name of the pool.")
    protected String name;

    @Parameters(index = "1", paramLabel = "<type>", description = "Type of the pool: dir, fs, netfs or logical.")
    protected String type;

    @Option(names = "--source-host", paramLabel = "<string>", description = "Source host (netfs).") String sourceHost;
    @Option(names = "--source-path", paramLabel = "<string>", description = "Source path (netfs: the export).") String sourcePath;
    @Option(names = "--source-dev", paramLabel = "<string>", description = "Source device (fs, logical).") String sourceDev;
    @Option(names = "--source-name", paramLabel = "<string>", description = "Source name (logical: the volume group).") String sourceName;
    @Option(names = "--source-format", paramLabel = "<string>", description = "Format of the source (fs: ext4, xfs...; netfs: nfs).") String sourceFormat;
    @Option(names = "--target", paramLabel = "<string>", description = "Target directory of the pool.") String target;
    @Option(names = "--print-xml", description = "Print the XML instead of defining the pool.") boolean printXml;

    /** The pool XML, every value escaped. */
    protected String xml() {
        StringBuilder sb = new StringBuilder();
        sb.append("<pool type=").append(XmlText.attr(type)).append(">\n");
        sb.append("  <name>").append(XmlText.text(name)).append("</name>\n");
        if (sourceHost != null || sourcePath != null || sourceDev != null || sourceName != null || sourceFormat != null) {
            sb.append("  <source>\n");
            if (sourceHost != null) {
                sb.append("    <host name=").append(XmlText.attr(sourceHost)).append("/>\n");
            }
            if (sourcePath != null) {
                sb.append("    <dir path=").append(XmlText.attr(sourcePath)).append("/>\n");
            }
            if (sourceDev != null) {
                sb.append("    <device path=").append(XmlText.attr(sourceDev)).append("/>\n");
            }
            if (sourceName != null) {
                sb.append("    <name>").append(XmlText.text(sourceName)).append("</name>\n");
            }
            if (sourceFormat != null) {
                sb.append("    <format type=").append(XmlText.attr(sourceFormat)).append("/>\n");
            }
            sb.append("  </source>\n");
        }
        if (target != null) {
            sb.append("  <target>\n    <path>").append(XmlText.text(target)).append("</path>\n  </target>\n");
        }
        return sb.append("</pool>\n").toString();
    }

    /** Sends the pool XML: defines it, or creates (starts) a transient one. */
    protected abstract void submit(String xml);

    /** What was done, for the lines virsh prints: "defined", "created". */
    protected abstract String done();

    @Override
    protected void execute() {
        if (printXml) {
            out().print(xml());
            return;
        }
        submit(xml());
        info("Pool " + name + " " + done());
    }

    @Override
    protected String failureContext() {
        return "Failed to " + (done().equals("created") ? "create" : "define") + " pool " + name;
    }
}
