package dev.jvirt.testimages;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The differential harness (#19): jvirt's answer against libvirt's on the same machine, fact by
 * fact, one tally for every comparison of the test tree. Three kinds, one place:
 * <ul>
 * <li><b>definitions</b>: libvirt's canonical form of a definition ({@link #libvirtXml}: virsh
 * define, dumpxml, undefine) against jvirt's, as domain-xml's {@code DomainFacts} (its test-jar)
 * lists the facts (domain-xml's corpus differential, virsh-compat's import test);</li>
 * <li><b>command lines</b>: libvirt's argv ({@link #libvirtArgv}: {@code virsh domxml-to-native
 * qemu-argv}, split into words) against jvirt's, both as vmm-core's {@code ArgvFacts} maps
 * ({@link #facts});</li>
 * <li><b>virsh output</b>: a virsh transcript against libvirtd and against jvirtd, compared
 * command by command ({@link #transcripts}).</li>
 * </ul>
 * Each comparison is about a subject (a file, a domain, a transcript); {@link #report()} prints
 * {@code NAME: N agree, M differ} and every difference as {@code SUBJECT: WHAT: jvirt X, libvirt Y}.
 * The harness judges nothing: tests assert on {@link #differ()} and {@link #differences()}.
 */
public final class Differential {

    private final String name;
    private final List<String> differences = new ArrayList<>();
    private final Set<String> subjects = new LinkedHashSet<>();
    private final Set<String> differing = new LinkedHashSet<>();
    private int agree;
    private int differ;

    /** A tally named {@code name} ("libvirt differential", "libvirt argv differential", ...). */
    public Differential(String name) {
        this.name = name;
    }

    /** One fact about {@code subject}: {@code jvirt} and {@code libvirt} equal. Answers whether they are. */
    public boolean fact(String subject, String what, Object jvirt, Object libvirt) {
        return check(subject, what, Objects.equals(jvirt, libvirt), "jvirt " + jvirt + ", libvirt " + libvirt);
    }

    /** One fact about {@code subject} that holds or not ({@code ok}), {@code otherwise} saying how it does not. */
    public boolean check(String subject, String what, boolean ok, String otherwise) {
        subjects.add(subject);
        if (ok) {
            agree++;
        } else {
            differ++;
            differing.add(subject);
            differences.add(subject + ": " + what + ": " + otherwise);
        }
        return ok;
    }

    /** Every key of either side is a fact: the same value on both (absent on one side is a difference). */
    public void facts(String subject, Map<String, ?> jvirt, Map<String, ?> libvirt) {
        Set<String> keys = new TreeSet<>(jvirt.keySet());
        keys.addAll(libvirt.keySet());
        for (String k : keys) {
            Object a = jvirt.get(k);
            Object b = libvirt.get(k);
            check(subject, k, Objects.equals(a, b), "\n      jvirt   " + a + "\n      libvirt " + b);
        }
    }

    /**
     * Two virsh transcripts (each command a block beginning {@code "$ virsh "}, as the transcript
     * ITs write them) compared command by command: each block is a fact; a command one side ran
     * and the other did not is a difference.
     */
    public void transcripts(String subject, String jvirt, String libvirt) {
        List<String> a = blocks(jvirt);
        List<String> b = blocks(libvirt);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String mine = i < a.size() ? a.get(i) : null;
            String theirs = i < b.size() ? b.get(i) : null;
            String what = firstLine(mine != null ? mine : theirs);
            check(subject, "#" + (i + 1) + " " + what, Objects.equals(mine, theirs),
                    "\n    jvirtd:\n" + indent(mine) + "\n    libvirtd:\n" + indent(theirs));
        }
    }

    /** A difference that is no comparison of two values (libvirt refused a file, jvirt cannot read libvirt's answer). */
    public void difference(String subject, String text) {
        subjects.add(subject);
        differ++;
        differing.add(subject);
        differences.add(subject + ": " + text);
    }

    public int agree() {
        return agree;
    }

    public int differ() {
        return differ;
    }

    /** The subjects compared so far, and those with at least one difference. */
    public int subjects() {
        return subjects.size();
    }

    public int subjectsDiffering() {
        return differing.size();
    }

    /** Every difference so far, in order, as {@code SUBJECT: WHAT: ...}. */
    public List<String> differences() {
        return List.copyOf(differences);
    }

    /** {@code NAME: N agree, M differ (S subjects, D with a difference)} and one line per difference. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(": ").append(agree).append(" agree, ").append(differ).append(" differ (")
                .append(subjects.size()).append(subjects.size() == 1 ? " subject, " : " subjects, ")
                .append(differing.size()).append(" with a difference)\n");
        differences.forEach(d -> sb.append("  ").append(d).append('\n'));
        return sb.toString();
    }

    // ---- libvirt's side ----------------------------------------------------------------------------

    /** libvirt's answer to a definition: whether it defined it, and the define's (refused) or dumpxml's result. */
    public record LibvirtXml(boolean defined, PrivateLibvirt.Result result) {
        public boolean ok() {
            return defined && result.exit() == 0;
        }
    }

    /**
     * libvirt's canonical form of {@code xml}: defined in {@code lv} (written as {@code file}),
     * {@code virsh dumpxml} of {@code domain}, undefined again (with its NVRAM).
     */
    public static LibvirtXml libvirtXml(PrivateLibvirt lv, String file, String xml, String domain)
            throws IOException, InterruptedException {
        PrivateLibvirt.Result def = lv.virsh("define", lv.writeXml(file, xml).toString());
        if (def.exit() != 0) {
            return new LibvirtXml(false, def);
        }
        PrivateLibvirt.Result dump = lv.virsh("dumpxml", domain);
        lv.virsh("undefine", domain, "--nvram");
        return new LibvirtXml(true, dump);
    }

    /** What {@code virsh domxml-to-native qemu-argv} prints for {@code xml} (written as {@code file}); see {@link #splitShell}. */
    public static PrivateLibvirt.Result libvirtArgv(PrivateLibvirt lv, String file, String xml) throws IOException, InterruptedException {
        return lv.virsh("domxml-to-native", "qemu-argv", lv.writeXml(file, xml).toString());
    }

    /**
     * Splits what {@code virsh domxml-to-native qemu-argv} prints (environment assignments, then
     * the argv, each word single-quoted where needed, with {@code '\''} for a quote) into words,
     * from the emulator on.
     */
    public static List<String> splitShell(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    w.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        int start = 0;
        while (start < words.size() && !words.get(start).startsWith("/")) {
            start++;
        }
        return words.subList(start, words.size());
    }

    private static List<String> blocks(String transcript) {
        List<String> out = new ArrayList<>();
        StringBuilder b = null;
        for (String line : transcript.split("\n", -1)) {
            if (line.startsWith("$ ")) {
                if (b != null) {
                    out.add(b.toString());
                }
                b = new StringBuilder();
            } else if (b == null) {
                b = new StringBuilder(); // text before the first command is a block of its own
            }
            b.append(line).append('\n');
        }
        if (b != null && !b.toString().isBlank()) {
            out.add(b.toString());
        }
        return out;
    }

    private static String firstLine(String block) {
        int nl = block.indexOf('\n');
        return nl < 0 ? block : block.substring(0, nl);
    }

    private static String indent(String block) {
        return block == null ? "      (nothing)" : ("      " + block.strip()).replace("\n", "\n      ");
    }
}
