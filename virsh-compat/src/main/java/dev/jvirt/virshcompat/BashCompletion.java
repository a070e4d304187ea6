package dev.jvirt.virshcompat;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Generates jvirsh's bash completion from the command model: command names, each command's
 * options, files where a command takes a file, and domain names (asked of the daemon through the
 * hidden {@code jvirsh __complete-domains}) where it takes a domain — only the running ones for
 * {@code console}, the inactive ones for {@code start}, as the command says
 * ({@link DomainCommand#completesDomains()}).
 */
final class BashCompletion {

    private BashCompletion() {
    }

    static String script(CommandLine root) {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("# bash completion for jvirsh. Generated from jvirsh's command model by\n")
                .append("# 'jvirsh __bash-completion'; do not edit (BashCompletionTest checks it is current).\n\n")
                .append("_jvirsh_domains() {\n")
                .append("    COMPREPLY=($(compgen -W \"$(\"${COMP_WORDS[0]}\" \"${_jvirsh_conn[@]}\" __complete-domains ${dstate:+--state \"$dstate\"} 2>/dev/null)\" -- \"$cur\"))\n")
                .append("}\n\n")
                .append("_jvirsh() {\n")
                .append("    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n")
                .append("    local i cmd= start=0\n")
                .append("    _jvirsh_conn=()\n")
                .append("    for ((i = 1; i < COMP_CWORD; i++)); do\n")
                .append("        case ${COMP_WORDS[i]} in\n")
                .append("            -c|--connect) _jvirsh_conn=(-c \"${COMP_WORDS[i+1]}\"); ((i++)) ;;\n")
                .append("            -*) ;;\n")
                .append("            *) cmd=${COMP_WORDS[i]}; start=$i; break ;;\n")
                .append("        esac\n")
                .append("    done\n")
                .append("    if [[ -z $cmd ]]; then\n")
                .append("        case $prev in\n")
                .append("            -c|--connect) COMPREPLY=($(compgen -W \"vmm:///session vmm:///system qemu:///session qemu:///system\" -- \"$cur\")); return ;;\n")
                .append("        esac\n")
                .append("        COMPREPLY=($(compgen -W \"").append(rootWords(root)).append("\" -- \"$cur\"))\n")
                .append("        return\n")
                .append("    fi\n")
                .append("    local opts= vdom= vother= dstate=\n")
                .append("    local -a pos=()\n")
                .append("    case $cmd in\n");
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.usageMessage().hidden() || spec.name().equals("help")) {
                continue;
            }
            command(sb, spec);
        }
        sb.append("        *) return ;;\n")
                .append("    esac\n")
                .append("    if [[ \" $vdom \" == *\" $prev \"* ]]; then _jvirsh_domains; return; fi\n")
                .append("    if [[ \" $vother \" == *\" $prev \"* ]]; then return; fi\n")
                .append("    if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\")); return; fi\n")
                .append("    local n=0 w skip=\n")
                .append("    for ((i = start + 1; i < COMP_CWORD; i++)); do\n")
                .append("        w=${COMP_WORDS[i]}\n")
                .append("        if [[ -n $skip ]]; then skip=; continue; fi\n")
                .append("        if [[ \" $vdom $vother \" == *\" $w \"* ]]; then skip=1; continue; fi\n")
                .append("        [[ $w == -* ]] || ((n++))\n")
                .append("    done\n")
                .append("    case ${pos[n]} in\n")
                .append("        domain) _jvirsh_domains ;;\n")
                .append("        file) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n")
                .append("        qemu-argv) COMPREPLY=($(compgen -W qemu-argv -- \"$cur\")) ;;\n")
                .append("        *,) COMPREPLY=($(compgen -W \"${pos[n]//,/ }\" -- \"$cur\")) ;;\n")
                .append("    esac\n")
                .append("}\n\n")
                .append("complete -o default -F _jvirsh jvirsh\n");
        return sb.toString();
    }

    private static String rootWords(CommandLine root) {
        List<String> words = new ArrayList<>();
        for (OptionSpec o : root.getCommandSpec().options()) {
            words.addAll(List.of(o.names()));
        }
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                words.add(sub.getCommandName());
            }
        }
        return String.join(" ", words);
    }

    private static void command(StringBuilder sb, CommandSpec spec) {
        List<String> opts = new ArrayList<>();
        List<String> vdom = new ArrayList<>();
        List<String> vother = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            opts.addAll(List.of(o.names()));
            if (o.arity().max() > 0) {
                (o.paramLabel().equals("<domain>") ? vdom : vother).addAll(List.of(o.names()));
            }
        }
        List<String> pos = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            String label = p.paramLabel();
            if (p.completionCandidates() != null) {
                // a fixed set of words (net-update's command and section): "a,b,c," — no word has a comma
                StringBuilder words = new StringBuilder();
                p.completionCandidates().forEach(w -> words.append(w).append(','));
                pos.add(words.toString());
                continue;
            }
            pos.add(label.equals("<domain>") ? "domain" : label.equals("<file>") || label.equals("<xml>") ? "file"
                    : label.equals("<format>") ? "qemu-argv" : "none");
        }
        sb.append("        ").append(spec.name()).append(")\n")
                .append("            opts='").append(String.join(" ", opts)).append("'\n");
        if (!vdom.isEmpty()) {
            sb.append("            vdom='").append(String.join(" ", vdom)).append("'\n");
        }
        if (!vother.isEmpty()) {
            sb.append("            vother='").append(String.join(" ", vother)).append("'\n");
        }
        if (spec.userObject() instanceof DomainCommand d && d.completesDomains() != null) {
            sb.append("            dstate=").append(d.completesDomains()).append('\n');
        }
        if (!pos.isEmpty()) {
            sb.append("            pos=(").append(String.join(" ", pos)).append(")\n");
        }
        sb.append("            ;;\n");
    }
}
