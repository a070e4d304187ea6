package dev.jvirt.virshcompat.commands;

import dev.jvirt.virshcompat.DomainCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jvirsh screenshot DOMAIN [FILE]}: the guest's display saved as a PPM image (QMP screendump). */
@Command(name = "screenshot", mixinStandardHelpOptions = true,
        description = {"Take a screenshot of a running domain's display and save it to a file (PPM, "
                + "image/x-portable-pixmap); without a file name, DOMAIN-YYYY-MM-DD-HH:MM:SS.ppm in the current directory."})
public final class ScreenshotCommand extends DomainCommand {
    private static final String TYPE = "image/x-portable-pixmap";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH:mm:ss");

    @Parameters(index = "1", arity = "0..1", paramLabel = "<file>", description = "Where to store the screenshot.")
    String fileArgument;

    @Option(names = "--file", paramLabel = "<string>", description = "Where to store the screenshot, as <file>.")
    String fileOption;

    @Option(names = "--screen", paramLabel = "<number>", description = "The screen (display head) to take, 0 by default.")
    int screen;

    private String context;

    @Override
    protected void execute() throws IOException {
        String file = fileOption != null ? fileOption : fileArgument;
        context = "could not take a screenshot of " + name();
        byte[] image = client().tuning().screenshot(name(), screen);
        if (file == null) {
            file = client().domain(name()).name() + "-" + LocalDateTime.now().format(STAMP) + ".ppm";
        }
        context = null;
        Files.write(Path.of(file), image);
        out().println("Screenshot saved to " + file + ", with type of " + TYPE);
    }

    @Override
    protected String failureContext() {
        return context;
    }

    @Override
    public String completesDomains() {
        return "active";
    }
}
