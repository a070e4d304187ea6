package dev.jvirt.qmpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ACPI shutdown of the tiny guest, observed through QMP events. */
@ExtendWith(TinyGuestExtension.class)
class QmpPowerdownIT {
    private QmpClientFactory client;
    private QemuProcess qemu;

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        if (qemu != null) {
            qemu.close();
        }
    }

    @Test
    void systemPowerdownGivesPowerdownThenShutdown(TinyGuest guest) throws Exception {
        Path serial = guest.scratchDir().resolve("serial.log");
        List<String> boot = new ArrayList<>(List.of("-m", Integer.toString(TinyGuest.MEMORY_MIB),
                "-serial", "file:" + serial));
        boot.addAll(guest.directBootArgs());
        qemu = QemuProcess.start(guest.scratchDir(), boot);
        client = new QmpClientFactory(1);
        QmpConnection qmp = client.connect(qemu.socket()).get(20, TimeUnit.SECONDS);
        EventRecorder events = new EventRecorder();
        qmp.subscribe(events);

        qmp.commands().cont().get(20, TimeUnit.SECONDS);
        events.await("RESUME", Duration.ofSeconds(10));
        SerialOutput.await(serial, TinyGuest.READY_MARKER, Duration.ofSeconds(90));

        qmp.commands().systemPowerdown().get(20, TimeUnit.SECONDS);
        events.await("POWERDOWN", Duration.ofSeconds(10));
        QmpEvent shutdown = events.await("SHUTDOWN", Duration.ofSeconds(60));
        assertThat(shutdown.data().path("guest").asBoolean()).isTrue();

        assertThat(events.lost.get(30, TimeUnit.SECONDS)).isInstanceOf(QmpConnectionLostException.class);
        assertThat(qemu.waitForExit(30)).isTrue();
        assertThat(client.openConnections()).isZero();
    }
}
