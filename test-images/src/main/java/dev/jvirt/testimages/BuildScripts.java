package dev.jvirt.testimages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The image build scripts of this module ({@code test-images/build-*}): found and run the one way. */
final class BuildScripts {

    private BuildScripts() {
    }

    /** Runs {@code script --quiet extraArgs...} and answers the directory its last output line names. */
    static Path run(Path script, String... extraArgs) {
        List<String> argv = new ArrayList<>();
        argv.add(script.toString());
        argv.add("--quiet");
        argv.addAll(List.of(extraArgs));
        String out = Commands.run(argv).strip();
        return Path.of(out.substring(out.lastIndexOf('\n') + 1));
    }

    /** {@code test-images/NAME}, found from the working directory upwards (Maven runs tests in a module's directory). */
    static Path find(String name, String hint) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("test-images").resolve(name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find test-images/" + name + " above " + Path.of("").toAbsolutePath() + hint);
    }
}
