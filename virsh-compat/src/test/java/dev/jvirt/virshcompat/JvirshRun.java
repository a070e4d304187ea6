package dev.jvirt.virshcompat;

import dev.jvirt.virshcompat.client.Env;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs jvirsh in-process, as a test would a subprocess: arguments and stdin in; status, stdout and stderr out. */
public record JvirshRun(int status, String out, String err) {

    public static JvirshRun of(String... args) {
        return withInput("", args);
    }

    public static JvirshRun withInput(String stdin, String... args) {
        return withEnv(Map.of(), stdin, args);
    }

    public static JvirshRun withEnv(Map<String, String> env, String stdin, String... args) {
        return withEnv(1000, env, stdin, args);
    }

    /** As user {@code uid} (what jvirsh believes it is; the test's own process is who it really is). */
    public static JvirshRun withEnv(int uid, Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Jvirsh.run(Env.of(env, uid), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new JvirshRun(status, out.toString(), err.toString());
    }
}
