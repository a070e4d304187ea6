package dev.jvirt.testimages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs a command (an argument list, never a shell string) and returns its standard output. */
final class Commands {

    private Commands() {
    }

    static String run(List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            String out = readAll(p.getInputStream());
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed (exit " + rc + "): " + err.join().strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv.get(0), e);
        }
    }

    private static String readAll(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
