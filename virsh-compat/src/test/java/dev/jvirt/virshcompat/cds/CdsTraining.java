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
 * commands users run most (list, dominfo, domstate, dumpxml, start, an unknown domain, help) against
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
            + "start db\ndominfo nosuch\nhelp dominfo\nquit\n";

    /**
     * The AOT cache's script: the same without {@code help}, which builds picocli's model of every
     * command. A JDK 25 AOT cache loads every class it holds at each start, so what only help
     * needs would cost every plain command (measured: ~500 classes, 3-5 ms); help still runs,
     * from the jars.
     */
    static final String AOT_SCRIPT = SCRIPT.replace("help dominfo\n", "");

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

    /**
     * {@code args[0]}: the bin/jvirsh to train; {@code args[1]}: {@code cds} (the default: the
     * class-data-sharing archive, lib/cds/jvirsh.jsa, and its class list) or {@code aot} (the JDK 25+
     * ahead-of-time cache, lib/aot/jvirsh.aot, made when the launcher finds a JDK 25+: it then
     * records that java in lib/aot/java). The archive goes where the launcher looks for it.
     */
    public static void main(String[] args) throws Exception {
        Path jvirsh = Path.of(args[0]).toAbsolutePath();
        boolean aot = args.length > 1 && args[1].equals("aot");
        Path lib = jvirsh.getParent().resolveSibling("lib");
        Path archive = aot ? lib.resolve("aot").resolve("jvirsh.aot") : lib.resolve("cds").resolve("jvirsh.jsa");
        Path xdg = Files.createTempDirectory("jvirsh-cds");
        try (FakeJvirtd daemon = daemon(xdg)) {
            ProcessBuilder pb = new ProcessBuilder(jvirsh.toString(), "-q", "-c", "vmm:///session");
            pb.environment().put("XDG_RUNTIME_DIR", xdg.toString());
            pb.environment().put("JVIRT_CDS", aot ? "aot-dump" : "dump");
            Process p = pb.start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write((aot ? AOT_SCRIPT : SCRIPT).getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("CDS training: jvirsh did not finish within 120 s");
            }
            // The JDK makes the AOT cache in a second JVM as this one exits, which says so on stderr.
            String errors = err.join().replaceAll("(?m)^Picked up JAVA_TOOL_OPTIONS: .*\n", "");
            List<String> problems = check(p.exitValue(), out.join(), errors, daemon,
                    aot ? EXPECTED_OUT.subList(0, EXPECTED_OUT.size() - 1) : EXPECTED_OUT);
            boolean wanted = !aot || Files.isRegularFile(lib.resolve("aot").resolve("java")); // no JDK 25+: no cache
            if (wanted && (!Files.isRegularFile(archive) || Files.size(archive) == 0)) {
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
            List<String> problems = check(status, out.toString(), err.toString(), daemon, EXPECTED_OUT);
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
        fake.json("POST", "/1.0/domains/db/start", Json.toText(new Domains.StateReason("running", "booted").toJson()));
        fake.noSuchDomain("GET", "/1.0/domains/nosuch");
        return fake;
    }

    /** Everything that went wrong in a training run (empty: it did what it should). */
    static List<String> check(int status, String out, String err, FakeJvirtd daemon, List<String> expectedOut) {
        List<String> problems = new ArrayList<>();
        if (status != 0) {
            problems.add("the shell exited with " + status);
        }
        int from = 0;
        for (String expected : expectedOut) {
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
        if (daemon.requests().size() != 8) { // dominfo web1 asks for its managed save too; start db
            problems.add(daemon.requests().size() + " requests reached the daemon, not 8");
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
