package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import dev.jvirt.virshcompat.ErrorReporter;
import dev.jvirt.virshcompat.client.ApiException;
import dev.jvirt.virshcompat.client.JvirshException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine.Command;

/** {@code jvirsh edit}: the definition in $VISUAL/$EDITOR, validated and redefined, re-opened on error as virsh does. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Edit the XML definition of a domain in $VISUAL, else $EDITOR, else vi. When the editor exits "
                + "the changed definition is defined again (a running domain picks it up at its next start). "
                + "If jvirtd rejects it, jvirsh shows why and asks: Failed. Try again? [y,n,i,f,?]"})
public final class EditCommand extends DomainCommand {

    @Override
    protected void execute() throws Exception {
        String original = client().xml(name(), true);
        Path file = Files.createTempFile("jvirsh-" + safe(name()), ".xml",
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
                    info("Domain '" + name() + "' XML configuration not changed.");
                    return;
                }
                try {
                    String defined = client().define(edited, false).name();
                    info("Domain '" + defined + "' XML configuration edited.");
                    return;
                } catch (ApiException e) {
                    ErrorReporter.report(e, null, null, err());
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
            err().print("Failed. Try again? [y,n,i,f,?]:");
            err().flush();
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
                    err().println("y - yes, start editing again");
                    err().println("n - no, throw away my changes");
                    err().println("i - turn off validation and try to redefine again (jvirtd always validates: same as f)");
                    err().println("f - force, try to redefine again");
                    err().println("? - print this help");
            }
        }
    }

    private void runEditor(Path file) throws IOException, InterruptedException {
        Editor.run(root.env(), file);
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_") + "-";
    }

    @Override
    protected String failureContext() {
        return "Failed to edit domain '" + domain + "'";
    }
}
