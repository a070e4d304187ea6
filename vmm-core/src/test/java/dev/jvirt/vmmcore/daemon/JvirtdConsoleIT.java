package dev.jvirt.vmmcore.daemon;

import static dev.jvirt.vmmcore.daemon.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.console.CloseReason;
import dev.jvirt.console.stream.ConsoleFrame;
import dev.jvirt.console.stream.ConsoleFrameEncoder;
import dev.jvirt.console.stream.ConsoleFrameReader;
import dev.jvirt.console.stream.FrameType;
import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.vmmcore.daemon.UnixHttpClient.Upgraded;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The console endpoint: HTTP upgrade to the console module's frames, typing into the guest's shell. */
@ExtendWith(TinyGuestExtension.class)
class JvirtdConsoleIT {

    @Test
    void attachTypeSeeOutputDetach(TinyGuest guest) throws Exception {
        try (DaemonFixture f = new DaemonFixture()) {
            f.start();
            UnixHttpClient api = f.client();
            api.post("/1.0/domains", Map.of("xml", DaemonFixture.tinyXml(guest, "con")));
            assertError(api.get("/1.0/domains/con/console"), 409, "invalid-state", "it is shut off");
            api.post("/1.0/domains/con/start", Map.of());
            // The Hypervisor's hub read the boot while nobody was attached: its log has the marker ...
            SerialOutput.await(f.dirs.consoleLog("con"), TinyGuest.READY_MARKER, Duration.ofSeconds(240));
            assertError(api.get("/1.0/domains/con/console"), 400, "bad-request", "Upgrade: jvirt-console");
            try (Upgraded bad = api.upgrade("/1.0/domains/con/console?mode=sideways", "jvirt-console")) {
                assertThat(bad.status()).isEqualTo(400);
            }

            try (Upgraded bad = api.upgrade("/1.0/domains/con/console?history=-1", "jvirt-console")) {
                assertThat(bad.status()).isEqualTo(400);
            }
            // ... and a client attaching after boot gets it from the ring.
            try (Upgraded late = api.upgrade("/1.0/domains/con/console?mode=ro&history=65536", "jvirt-console")) {
                assertThat(late.status()).isEqualTo(101);
                assertThat(readUntil(new ConsoleFrameReader(late.in()), TinyGuest.READY_MARKER).get(30, TimeUnit.SECONDS))
                        .contains(TinyGuest.READY_MARKER);
            }

            try (Upgraded con = api.upgrade("/1.0/domains/con/console?mode=rw", "jvirt-console")) {
                assertThat(con.status()).isEqualTo(101);
                assertThat(con.headers().get("upgrade")).isEqualTo("jvirt-console");
                try (Upgraded second = api.upgrade("/1.0/domains/con/console", "jvirt-console")) {
                    assertThat(second.status()).isEqualTo(409);
                }
                try (Upgraded viewer = api.upgrade("/1.0/domains/con/console?mode=ro", "jvirt-console")) {
                    assertThat(viewer.status()).isEqualTo(101);
                }
                ConsoleFrameEncoder.write(con.out(), ConsoleFrame.data("echo hi-$((6*7))\n".getBytes(StandardCharsets.US_ASCII)));
                con.out().flush();
                ConsoleFrameReader reader = new ConsoleFrameReader(con.in());
                CompletableFuture<String> seen = readUntil(reader, "hi-42");
                assertThat(seen.get(60, TimeUnit.SECONDS)).contains("hi-42");
                ConsoleFrameEncoder.write(con.out(), ConsoleFrame.detach());
                con.out().flush();
                ConsoleFrame last;
                do {
                    last = reader.read();
                } while (last != null && last.type() == FrameType.DATA);
                assertThat(last).isNotNull();
                assertThat(last.type()).isEqualTo(FrameType.CLOSED);
                assertThat(last.reason()).isEqualTo(CloseReason.DETACHED);
            }
            api.post("/1.0/domains/con/destroy", Map.of());
        }
    }

    /** The DATA frames' text until it contains {@code text}, or until another frame or the end (then noted). */
    static CompletableFuture<String> readUntil(ConsoleFrameReader reader, String text) {
        return CompletableFuture.supplyAsync(() -> {
            StringBuilder out = new StringBuilder();
            try {
                while (!out.toString().contains(text)) {
                    ConsoleFrame frame = reader.read();
                    if (frame == null || frame.type() != FrameType.DATA) {
                        return out + " [" + frame + "]";
                    }
                    out.append(new String(frame.payload(), StandardCharsets.ISO_8859_1));
                }
            } catch (java.io.IOException e) {
                return out + " [" + e + "]";
            }
            return out.toString();
        });
    }
}
