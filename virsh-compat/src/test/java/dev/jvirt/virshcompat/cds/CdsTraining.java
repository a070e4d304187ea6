package dev.jvirt.virshcompat.cds;

import dev.jvirt.api.Domains;
import dev.jvirt.api.json.Json;
import dev.jvirt.virshcompat.FakeJvirtd;
import dev.jvirt.virshcompat.Jvirsh;
import dev.jvirt.virshcompat.client.Env;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The class-data-sharing training of jvirsh, run by the build (distribution/pom.xml, after
 * dist/ is laid out): one jvirsh JVM under {@code JVIRT_CDS=dump}, its interactive shell fed the
 * commands users run most (list, dominfo, domstate, dumpxml, an unknown domain, help) against
 * {@link FakeJvirtd} on the default session socket ($XDG_RUNTIME_DIR/jvirt/jvirtd.sock), so the
 * archive holds the classes a real command loads: the fast path, the socket checks, the client,
 * JSON, formatting, picocli's model and help. Every command's output is checked: a training run
 * in which a command fails fails the build (and {@link CdsTrainingTest} runs the same check
 * in-process). Not part of jvirsh: the production jar has no fake daemon in it.
 */
public final class CdsTraining {

    static final String UUID = "7cda699a-4596-4392-8afa-c56a3e764cfd";

    /** What the shell is fed, one command a line. */
    static final String SCRIPT = "list --all\nlist --all --name\ndominfo web1\ndomstate --reason web1\ndumpxml web1\n"
            + "dominfo nosuch\nhelp dominfo\nquit\n";

    /** What each command prints, in order (stdout), and the one error (stderr) of the unknown domain. */
    static final List<String> EXPECTED_OUT = List.of(
            " 1    web1   running\n -    db     shut off\n",
            "web1\ndb\n",
            "Name:           web1\n",
            "running (booted)\n",
            "<name>web1</name>\n",
            "Usage: jvirsh dominfo");
    static final String EXPECTED_ERR = "error: failed to get domain 'nosuch'\n"
            + "error: Domain not found: domain 'nosuch' is not defined\n"
            + "hint: jvirsh list --all shows the defined domains\n";

    private CdsTraining() {
    }

    /** {@code args[0]}: the bin/jvirsh to train; its archive goes where the launcher puts it (lib/cds/). */
    public static void main(String[] args) throws Exception {
        Path jvirsh = Path.of(args[0]).toAbsolutePath();
        Path archive = jvirsh.getParent().resolveSibling("lib").resolve("cds").resolve("jvirsh.jsa");
        Path xdg = Files.createTempDirectory("jvirsh-cds");
        try (FakeJvirtd daemon = daemon(xdg)) {
            ProcessBuilder pb = new ProcessBuilder(jvirsh.toString(), "-q", "-c", "vmm:///session");
            pb.environment().put("XDG_RUNTIME_DIR", xdg.toString());
            pb.environment().put("JVIRT_CDS", "dump");
            Process p = pb.start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(SCRIPT.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("CDS training: jvirsh did not finish within 120 s");
            }
            List<String> problems = check(p.exitValue(), out.join(), err.join(), daemon);
            if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
                problems.add("no archive at " + archive);
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("CDS training of " + jvirsh + " failed: " + problems
                        + "\n--- stdout\n" + out.join() + "--- stderr\n" + err.join());
            }
        } finally {
            Files.deleteIfExists(xdg);
        }
    }

    /**
     * The same training in this JVM (no archive), against the training's daemon as {@code tweak}
     * leaves it: what {@link CdsTrainingTest} checks.
     */
    static List<String> runInProcess(Consumer<FakeJvirtd> tweak) throws IOException {
        Path xdg = Files.createTempDirectory("jvirsh-cds");
        try (FakeJvirtd daemon = daemon(xdg)) {
            tweak.accept(daemon);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            int status = Jvirsh.run(Env.of(Map.of("XDG_RUNTIME_DIR", xdg.toString()), uid),
                    new ByteArrayInputStream(SCRIPT.getBytes(StandardCharsets.UTF_8)),
                    new PrintWriter(out, true), new PrintWriter(err, true), "-q", "-c", "vmm:///session");
            List<String> problems = check(status, out.toString(), err.toString(), daemon);
            daemon.unscripted().clear(); // reported above
            return problems;
        } finally {
            Files.deleteIfExists(xdg);
        }
    }

    /** A fake daemon with the training's answers, on {@code xdg}/jvirt/jvirtd.sock (a private directory, as jvirtd makes it). */
    static FakeJvirtd daemon(Path xdg) throws IOException {
        Path run = Files.createDirectory(xdg.resolve("jvirt"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        FakeJvirtd fake = new FakeJvirtd(run.resolve("jvirtd.sock"));
        fake.json("GET", "/1.0/domains", Json.toText(List.of(
                new Domains.Summary(1L, "web1", UUID, "running", "booted", true, false).toJson(),
                new Domains.Summary(null, "db", "05b5cbd9-6e4c-4306-a2ca-0b84eeaaccb8", "shut off", "shutdown", true, true)
                        .toJson())));
        fake.json("GET", "/1.0/domains/web1", Json.toText(new Domains.Info(1L, "web1", UUID, "running", "booted", true,
                false, "hvm", "kvm", 1, 1_000_000_000L, 131072, 131072, 4242L).toJson()));
        fake.json("GET", "/1.0/domains/web1/managed-save", Json.toText(new dev.jvirt.api.Saves.ManagedSave(false).toJson()));
        fake.json("GET", "/1.0/domains/web1/state", Json.toText(new Domains.StateReason("running", "booted").toJson()));
        fake.text("GET", "/1.0/domains/web1/xml", "application/xml", "<domain type='qemu'>\n  <name>web1</name>\n</domain>\n");
        fake.noSuchDomain("GET", "/1.0/domains/nosuch");
        return fake;
    }

    /** Everything that went wrong in a training run (empty: it did what it should). */
    static List<String> check(int status, String out, String err, FakeJvirtd daemon) {
        List<String> problems = new ArrayList<>();
        if (status != 0) {
            problems.add("the shell exited with " + status);
        }
        int from = 0;
        for (String expected : EXPECTED_OUT) {
            int at = out.indexOf(expected, from);
            if (at < 0) {
                problems.add("stdout lacks (in order) " + Json.toText(expected));
            } else {
                from = at + expected.length();
            }
        }
        if (!err.equals(EXPECTED_ERR)) {
            problems.add("stderr is " + Json.toText(err) + ", not " + Json.toText(EXPECTED_ERR));
        }
        if (!daemon.unscripted().isEmpty()) {
            problems.add("jvirsh asked the daemon for what the training has no answer to: " + daemon.unscripted());
        }
        if (daemon.requests().size() != 7) { // dominfo web1 asks for its managed save too
            problems.add(daemon.requests().size() + " requests reached the daemon, not 7");
        }
        return problems;
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "[" + e + "]";
            }
        });
    }
}
