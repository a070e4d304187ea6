package dev.jvirt.qmpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connecting: before QEMU has made its socket, and never. */
class QmpConnectIT {
    private Path dir;
    private QmpClientFactory client;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("qmp-connect-it-");
        client = new QmpClientFactory(1);
    }

    @AfterEach
    void tearDown() {
        client.close();
        TestFiles.deleteTree(dir);
    }

    @Test
    void connectRetriesUntilQemuCreatesTheSocket() throws Exception {
        CompletableFuture<QmpConnection> connecting = client.connect(dir.resolve("qmp.sock"));
        Thread.sleep(300);
        assertThat(connecting).isNotDone();
        try (QemuProcess qemu = QemuProcess.start(dir)) {
            QmpConnection qmp = connecting.get(20, TimeUnit.SECONDS);
            assertThat(qmp.commands().queryStatus().get(20, TimeUnit.SECONDS).status()).isEqualTo("prelaunch");
            qmp.close();
        }
    }

    @Test
    void connectGivesUpAfterTheConnectTimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.connect(dir.resolve("never.sock"),
                QmpConnectOptions.defaults().withConnectTimeout(Duration.ofMillis(400))).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(QmpConnectException.class).hasMessageContaining("never.sock");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(client.openConnections()).isZero();
    }
}
