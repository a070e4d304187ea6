package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.ErrorReporter;
import dev.jvirt.virshcompat.Jvirsh;
import dev.jvirt.virshcompat.client.ApiException;
import dev.jvirt.virshcompat.client.JvirshException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * virsh's edit loop (edit, net-edit): the XML in a private temporary file, opened in $VISUAL, else
 * $EDITOR, else vi; an unchanged file defines nothing; a definition jvirtd refuses is reported and
 * virsh's question asked ("Failed. Try again? [y,n,i,f,?]"), the edited file kept for another round
 * until the answer is n. The file is removed at the end.
 */
final class XmlEditor {
    /** Defines the edited text; answers the name defined. */
    interface Definer {
        String define(String xml) throws Exception;
    }

    private final Jvirsh root;
    private final PrintWriter err;

    XmlEditor(Jvirsh root, PrintWriter err) {
        this.root = root;
        this.err = err;
    }

    /**
     * @param label a word for the temporary file's name (the object's name)
     * @return the name defined, or empty when the text was left as it was
     */
    Optional<String> edit(String label, String original, Definer definer) throws Exception {
        Path file = Files.createTempFile("jvirsh-" + label.replaceAll("[^A-Za-z0-9._-]", "_") + "-", ".xml",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(file, original);
            BufferedReader answers = new BufferedReader(new InputStreamReader(root.in(), StandardCharsets.UTF_8));
            boolean editAgain = true;
            while (true) {
                if (editAgain) {
                    runEditor(file);
                }
                String edited = XmlFile.read(file, file.toString());
                if (edited.equals(original)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(definer.define(edited));
                } catch (ApiException e) {
                    ErrorReporter.report(e, null, null, err);
                }
                editAgain = ask(answers);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** virsh's question; answers whether to open the editor again (false: define the same text again). */
    private boolean ask(BufferedReader answers) throws IOException {
        while (true) {
            err.print("Failed. Try again? [y,n,i,f,?]:");
            err.flush();
            String line = answers.readLine();
            if (line == null || line.strip().equals("n")) {
                throw new JvirshException("changes thrown away");
            }
            switch (line.strip()) {
                case "y":
                    return true;
                case "i":
                case "f":
                    return false;
                default:
                    err.println("y - yes, start editing again");
                    err.println("n - no, throw away my changes");
                    err.println("i - turn off validation and try to redefine again (jvirtd always validates: same as f)");
                    err.println("f - force, try to redefine again");
                    err.println("? - print this help");
            }
        }
    }

    private void runEditor(Path file) throws IOException, InterruptedException {
        Editor.run(root.env(), file);
    }
}
