package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.client.UsageException;
import dev.jvirt.virshcompat.format.LinuxKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh send-key DOMAIN KEY...}: keys pressed together on the running guest's keyboard (QMP send-key). */
@Command(name = "send-key", mixinStandardHelpOptions = true,
        description = {"Send keys to a running guest's keyboard, pressed together then released (send-key DOMAIN "
                + "KEY_LEFTALT KEY_SYSRQ KEY_H). Codesets: linux (key names, the default), qnum (numbers, as QEMU's), "
                + "and qcode (QEMU's own names)."})
public final class SendKeyCommand extends DomainCommand {
    @Option(names = "--codeset", paramLabel = "<string>", description = "The keycodes' set: linux (default), qnum or qcode.")
    String codeset = "linux";

    @Option(names = "--holdtime", paramLabel = "<number>", description = "Milliseconds to hold the keys down.")
    int holdtime;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<keycode>", description = "The keys, up to 16.")
    List<String> keycodes;

    @Override
    protected void execute() {
        List<String> keys = new ArrayList<>();
        String set = codeset.toLowerCase(Locale.ROOT);
        for (String k : keycodes) {
            String key = switch (set) {
                case "linux" -> LinuxKeys.qcode(k);
                case "qnum" -> k.matches("0x[0-9a-fA-F]{1,4}") ? Integer.toString(Integer.parseInt(k.substring(2), 16))
                        : k.matches("\\d{1,5}") ? k : null;
                case "qcode" -> k.matches("[a-z0-9_]+") ? k : null;
                default -> throw new UsageException("unknown codeset: '" + codeset + "'; jvirsh knows linux, qnum and qcode");
            };
            if (key == null) {
                throw new UsageException("invalid keycode: '" + k + "'"); // virsh's words
            }
            keys.add(key);
        }
        if (keys.size() > 16) {
            throw new UsageException("too many keycodes: at most 16");
        }
        client().tuning().sendKey(name(), keys, holdtime);
    }

    @Override
    public String completesDomains() {
        return "active";
    }
}
