package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.virshcompat.client.ApiClient;
import dev.jvirt.virshcompat.client.ApiTransport;
import dev.jvirt.virshcompat.client.ConnectUri;
import dev.jvirt.virshcompat.client.Env;
import dev.jvirt.virshcompat.it.Cli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no daemon answering on vmm:///session, jvirsh starts one (bin/jvirtd --session beside it) and uses it. */
class SessionAutostartIT {

    @Test
    void firstCommandStartsTheSessionDaemon() throws Exception {
        Path scratch = Files.createTempDirectory("jvirsh-autostart-");
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", scratch.resolve("run").toString(),
                "XDG_DATA_HOME", scratch.resolve("data").toString(), "HOME", scratch.toString());
        Path socket = scratch.resolve("run/jvirt/jvirtd.sock");
        try {
            Files.createDirectories(scratch.resolve("run"));
            Distribution dist = Distribution.find(scratch);
            Result r = new Cli(dist.jvirsh(), env).run("-c", "qemu:///session", "list", "--all");
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).isEqualTo(" Id   Name   State\n--------------------\n\n");
            assertThat(r.status()).isZero();
            assertThat(socket).exists();
            Result uri = new Cli(dist.jvirsh(), env).run("-c", "qemu:///session", "uri");
            assertThat(uri.out()).isEqualTo("vmm:///session\n\n");
        } finally {
            stopDaemonOn(socket);
            JvirtdUnderTest.killProcessesMentioning(scratch);
            JvirtdUnderTest.deleteTree(scratch);
        }
    }

    private static void stopDaemonOn(Path socket) throws InterruptedException {
        if (!Files.exists(socket)) {
            return;
        }
        Env env = Env.of(Map.of(), 0);
        try {
            long pid = new ApiClient(new ApiTransport(ConnectUri.resolve("vmm:///session?socket=" + socket, env), env))
                    .server().pid();
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroy();
                p.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> {
                    p.destroyForcibly();
                    return p;
                }).join();
            });
        } catch (RuntimeException gone) {
            // the daemon is not answering: the sweep by command line stops it
        }
    }
}
