package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.libvirtwire.Header;
import dev.jvirt.libvirtwire.Message;
import dev.jvirt.libvirtwire.Protocol;
import dev.jvirt.libvirtwire.RemoteError;
import dev.jvirt.libvirtwire.RpcMessageEncoder;
import dev.jvirt.libvirtwire.VirError;
import dev.jvirt.libvirtwire.XdrWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad frames on jvirtd's libvirt socket (bounded: a fixed seed, a few hundred frames): each gets
 * an error reply or a closed connection; the daemon stays up, and a client connected all along
 * is answered throughout.
 */
class LibvirtWireFuzzIT {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(20);

    @Test
    void badFramesGetAnErrorOrACloseAndHurtNoOtherClient() throws Exception {
        try (DaemonFixture f = new DaemonFixture()) {
            Jvirtd d = f.start();
            Path sock = d.libvirtSocket();
            try (RawLibvirtClient bystander = new RawLibvirtClient(sock).open()) {
                assertThat(bystander.type()).isEqualTo("QEMU");

                // oversized: the length word alone gets the connection closed (nothing of 16 MiB is buffered)
                try (RawLibvirtClient c = new RawLibvirtClient(sock)) {
                    c.sendRaw(new XdrWriter().writeUnsigned(16L * 1024 * 1024 + 5).writeInt(Protocol.REMOTE_PROGRAM).toByteArray());
                    assertThat(c.closedWithin(CLOSE_WAIT)).as("closed after a > 16 MiB length").isTrue();
                }
                try (RawLibvirtClient c = new RawLibvirtClient(sock)) {
                    c.sendRaw(new XdrWriter().writeUnsigned(0xffffffffL).toByteArray());
                    assertThat(c.closedWithin(CLOSE_WAIT)).as("closed after a 4 GiB length").isTrue();
                }
                // too short to hold a header
                try (RawLibvirtClient c = new RawLibvirtClient(sock)) {
                    c.sendRaw(new XdrWriter().writeInt(12).writeInt(1).writeInt(2).toByteArray());
                    assertThat(c.closedWithin(CLOSE_WAIT)).as("closed after a 12-byte frame").isTrue();
                }
                // truncated: a frame that promises more than it sends, then the client goes away
                try (RawLibvirtClient c = new RawLibvirtClient(sock)) {
                    c.sendRaw(new XdrWriter().writeInt(1000).writeInt(Protocol.REMOTE_PROGRAM).writeInt(1).toByteArray());
                }
                assertThat(bystander.type()).isEqualTo("QEMU");

                try (RawLibvirtClient c = new RawLibvirtClient(sock)) {
                    // wrong program, wrong version: an RPC error reply; the connection goes on
                    RemoteError wrongProgram = RawLibvirtClient.error(c.reply(c.send(0x12345678, 1, 1, new byte[0])));
                    assertThat(wrongProgram.code()).isEqualTo(VirError.RPC);
                    assertThat(wrongProgram.message()).contains("cannot find program");
                    Message wrongVersion = c.reply(c.send(Protocol.REMOTE_PROGRAM, 2, 3, new byte[0]));
                    assertThat(wrongVersion.header().status()).isEqualTo(Protocol.ERROR);
                    assertThat(RawLibvirtClient.error(wrongVersion).code()).isEqualTo(VirError.RPC);
                    // a procedure jvirt does not have: no-support, with its name
                    RemoteError unsupported = RawLibvirtClient.error(c.reply(c.send(Protocol.REMOTE_PROGRAM, 1, 54, new byte[0])));
                    assertThat(unsupported.code()).isEqualTo(VirError.NO_SUPPORT);
                    RemoteError unknown = RawLibvirtClient.error(c.reply(c.send(Protocol.REMOTE_PROGRAM, 1, 99999, new byte[0])));
                    assertThat(unknown.code()).isEqualTo(VirError.NO_SUPPORT);
                    assertThat(unknown.message()).contains("procedure 99999");
                    // garbage arguments: a string longer than the frame, a bad boolean
                    RemoteError garbage = RawLibvirtClient.error(c.reply(c.send(Protocol.REMOTE_PROGRAM, 1,
                            Protocol.procedure("REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME"), new XdrWriter().writeInt(0x7fffffff).toByteArray())));
                    assertThat(garbage.code()).isEqualTo(VirError.RPC);
                    RemoteError badBool = RawLibvirtClient.error(c.reply(c.send(Protocol.REMOTE_PROGRAM, 1,
                            Protocol.procedure("REMOTE_PROC_CONNECT_OPEN"), new XdrWriter().writeInt(7).writeInt(0).toByteArray())));
                    assertThat(badBool.code()).isEqualTo(VirError.RPC);
                    assertThat(c.open().type()).isEqualTo("QEMU");
                }

                // random frames with a valid length (seeded, bounded): each answered or the connection closed
                Random random = new Random(22);
                try (RawLibvirtClient c = new RawLibvirtClient(sock)) {
                    for (int i = 0; i < 300; i++) {
                        byte[] payload = new byte[random.nextInt(64)];
                        random.nextBytes(payload);
                        int program = random.nextInt(4) == 0 ? random.nextInt() : Protocol.REMOTE_PROGRAM;
                        int proc = random.nextInt(3) == 0 ? random.nextInt() : 1 + random.nextInt(420);
                        if (proc == Protocol.procedure("REMOTE_PROC_CONNECT_CLOSE") || proc == Protocol.procedure("REMOTE_PROC_DOMAIN_OPEN_CONSOLE")) {
                            continue;
                        }
                        int serial = 1000 + i;
                        c.sendRaw(RpcMessageEncoder.frame(new Message(
                                new Header(program, 1, proc, Protocol.CALL, serial, Protocol.OK), payload)));
                        Message reply = c.reply(serial);
                        assertThat(reply.header().type()).isEqualTo(Protocol.REPLY);
                    }
                    // random junk types and statuses: replies, events and stream packets the server ignores
                    for (int i = 0; i < 50; i++) {
                        c.sendRaw(RpcMessageEncoder.frame(new Message(new Header(Protocol.REMOTE_PROGRAM, 1,
                                random.nextInt(400), 1 + random.nextInt(3), random.nextInt(), random.nextInt(3)), new byte[random.nextInt(16) * 4])));
                    }
                    assertThat(c.type()).isEqualTo("QEMU");
                }
                // pure garbage bytes: whatever they decode to, the connection gets an answer or is closed
                for (int i = 0; i < 20; i++) {
                    try (RawLibvirtClient c = new RawLibvirtClient(sock)) {
                        byte[] junk = new byte[8 + random.nextInt(200)];
                        random.nextBytes(junk);
                        c.sendRaw(junk);
                        c.closedWithin(Duration.ofMillis(300));
                    } catch (IOException refused) {
                        // the server may close while we write: that is one of the allowed outcomes
                    }
                }
                // the bystander was served all along, a new client is too, and so is the REST socket
                assertThat(bystander.type()).isEqualTo("QEMU");
                try (RawLibvirtClient late = new RawLibvirtClient(sock).open()) {
                    assertThat(late.type()).isEqualTo("QEMU");
                }
                assertThat(f.client().get("/1.0").status()).isEqualTo(200);
            }
        }
    }
}
