package dev.jvirt.virshcompat.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.SerialOutput;
import dev.jvirt.testimages.TinyGuest;
import dev.jvirt.testimages.TinyGuestExtension;
import dev.jvirt.virshcompat.it.Cli.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Live tuning through bin/jvirsh against a real jvirtd running the tiny guest (its kernel has
 * virtio_balloon): setmem moves the balloon, and what the guest's driver reports changes (QEMU's
 * actual size, the guest's own total); setmaxmem is refused live and changes the stored
 * definition; desc (live and stored); iothreadinfo; blockresize (the guest sees the new size); change-media (QEMU's drive gets and loses the medium); vncdisplay and domdisplay (its VNC server answers RFB there); domrename (refused live, then done shut off); vcpupin and emulatorpin (sched_setaffinity of QEMU's threads); vcpucount, vcpuinfo, send-key (the guest's kernel answers SysRq), inject-nmi (the guest's kernel logs it) and screenshot (a PPM
 * of its VGA). Messages are virsh 9.0's (checked against virsh -c test:///default and libvirt's
 * QEMU driver strings).
 */
@ExtendWith(TinyGuestExtension.class)
class JvirshTuningIT {
    /** The scratch directories a test made (images, XML, the daemon's dirs), removed after it. */
    private final java.util.List<Path> made = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void removeScratch() throws java.io.IOException {
        for (Path p : made) {
            JvirtdUnderTest.deleteTree(p);
        }
    }

    private static final long MAX_KIB = TinyGuest.MEMORY_MIB * 1024L;

    @Test
    void balloonVcpusNmiAndScreenshotOfARunningGuest(TinyGuest guest) throws Exception {
        Path scratch = Files.createTempDirectory("jvirsh-tuning-");
        made.add(scratch);
        try (JvirtdUnderTest daemon = new JvirtdUnderTest(scratch.resolve("daemon"))) {
            Distribution dist = Distribution.find(scratch);
            daemon.start(dist);
            Cli jvirsh = new Cli(dist.jvirsh(), Map.of("JVIRT_DEFAULT_URI", daemon.uri()));
            Path xml = TinyDomainXml.write(guest, "tune1", scratch);
            Files.writeString(xml, Files.readString(xml).replace("</devices>", "  <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>\n"
                    + "  <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='"
                    + guest.newDisk("tune1-vda") + "'/><target dev='vda' bus='virtio'/></disk>\n"
                    + "  <disk type='file' device='cdrom'><driver name='qemu' type='raw'/><target dev='hdc' bus='ide'/>"
                    + "<readonly/></disk>\n"
                    + "  <video><model type='vga'/></video>\n  </devices>"));
            Files.writeString(xml, Files.readString(xml).replace("<vcpu>1</vcpu>", "<vcpu>1</vcpu>\n  <iothreads>2</iothreads>"));
            ok(jvirsh.run("define", xml.toString()));
            String allCpus = "0-" + (Runtime.getRuntime().availableProcessors() - 1);
            assertThat(ok(jvirsh.run("iothreadinfo", "tune1"))).isEqualTo(" IOThread ID   CPU Affinity\n"
                    + "-".repeat(29) + "\n 1             " + allCpus + "\n 2             " + allCpus + "\n\n");
            assertThat(ok(jvirsh.run("vcpucount", "tune1"))).isEqualTo("maximum      config         1\n"
                    + "current      config         1\n\n");
            assertThat(ok(jvirsh.run("vcpuinfo", "tune1"))).matches("VCPU:           0\nCPU:            N/A\n"
                    + "State:          N/A\nCPU time        N/A\nCPU Affinity:   y+\n\n");
            Result noDisplay = jvirsh.run("vncdisplay", "tune1");
            assertThat(noDisplay.err()).as(noDisplay.toString()).startsWith("error: Requested operation is not valid: "
                    + "cannot query the running guest of domain 'tune1': it is shut off");
            Result notRunning = jvirsh.run("setmem", "tune1", "64M", "--live");
            assertThat(notRunning.err()).as(notRunning.toString())
                    .isEqualTo("error: Requested operation is not valid: domain is not running\n");

            assertThat(ok(jvirsh.run("desc", "tune1"))).isEqualTo("No description for domain: tune1\n\n");
            assertThat(ok(jvirsh.run("desc", "tune1", "--title", "Tiny", "one"))).isEqualTo("Domain title updated successfully\n\n");
            assertThat(ok(jvirsh.run("dumpxml", "tune1"))).contains("<title>Tiny one</title>");
            Result descLive = jvirsh.run("desc", "tune1", "--live", "--new-desc", "x");
            assertThat(descLive.err()).as(descLive.toString()).isEqualTo("error: Failed to set new domain description\n"
                    + "error: Requested operation is not valid: domain is not running\n");

            ok(jvirsh.run("start", "tune1"));
            assertThat(ok(jvirsh.run("desc", "tune1", "--new-desc", "a busy guest")))
                    .isEqualTo("Domain description updated successfully\n\n");
            assertThat(ok(jvirsh.run("desc", "tune1"))).isEqualTo("a busy guest\n\n");
            assertThat(ok(jvirsh.run("desc", "tune1", "--config"))).isEqualTo("No description for domain: tune1\n\n");
            assertThat(ok(jvirsh.run("desc", "tune1", "--title"))).isEqualTo("Tiny one\n\n");
            assertThat(ok(jvirsh.run("dumpxml", "tune1"))).contains("<description>a busy guest</description>");
            Path log = daemon.state.resolve("log/qemu/tune1.console.log");
            SerialOutput.await(log, TinyGuest.READY_MARKER, Duration.ofSeconds(120));
            long total = awaitStat(jvirsh, "available", v -> v > 0);
            assertThat(stat(ok(jvirsh.run("dommemstat", "tune1")), "actual")).isEqualTo(MAX_KIB);

            assertThat(ok(jvirsh.run("setmem", "tune1", "96M"))).isEqualTo("\n");
            // QEMU's actual is what the guest's balloon driver has given back; the guest's own total shrinks with it
            awaitStat(jvirsh, "actual", v -> v == 96 * 1024);
            long shrunk = awaitStat(jvirsh, "available", v -> v < total);
            assertThat(total - shrunk).isBetween(30L * 1024, 34L * 1024);
            assertThat(ok(jvirsh.run("dumpxml", "tune1"))).contains("<currentMemory unit='KiB'>98304</currentMemory>");
            assertThat(ok(jvirsh.run("dumpxml", "--inactive", "tune1"))).doesNotContain("98304");

            Result higher = jvirsh.run("setmem", "tune1", "256M");
            assertThat(higher.err()).as(higher.toString())
                    .isEqualTo("error: invalid argument: cannot set memory higher than max memory\n");
            assertThat(higher.status()).isEqualTo(1);
            Result malformed = jvirsh.run("setmem", "tune1", "lots");
            assertThat(malformed.err()).isEqualTo("error: Scaled numeric value 'lots' for <size> option is malformed "
                    + "or out of range\n");
            Result maxLive = jvirsh.run("setmaxmem", "tune1", "256M");
            assertThat(maxLive.err()).as(maxLive.toString()).isEqualTo("error: Unable to change MaxMemorySize\n"
                    + "error: Requested operation is not valid: cannot resize the maximum memory on an active domain\n");
            ok(jvirsh.run("setmaxmem", "tune1", "192M", "--config"));
            assertThat(ok(jvirsh.run("dumpxml", "--inactive", "tune1"))).contains("<memory unit='KiB'>196608</memory>");
            assertThat(ok(jvirsh.run("dumpxml", "tune1"))).contains("<memory unit='KiB'>" + MAX_KIB + "</memory>");

            assertThat(ok(jvirsh.run("iothreadinfo", "tune1"))).matches(" IOThread ID   CPU Affinity\n-+\n"
                    + " 1             [0-9,-]+\n 2             [0-9,-]+\n\n");
            assertThat(ok(jvirsh.run("vcpucount", "tune1"))).isEqualTo("maximum      config         1\n"
                    + "maximum      live           1\ncurrent      config         1\ncurrent      live           1\n\n");
            assertThat(ok(jvirsh.run("vcpucount", "tune1", "--live", "--active"))).isEqualTo("current      live           1\n\n");
            assertThat(ok(jvirsh.run("vcpuinfo", "tune1"))).matches("VCPU:           0\nCPU:            \\d+\n"
                    + "State:          running\nCPU time:       \\d+\\.\\ds\nCPU Affinity:   y+\n\n");

            if (Runtime.getRuntime().availableProcessors() >= 2) { // pinning to one of two host CPUs
                assertThat(ok(jvirsh.run("vcpupin", "tune1"))).isEqualTo(" VCPU   CPU Affinity\n----------------------\n"
                        + " 0      0-1\n\n");
                assertThat(ok(jvirsh.run("vcpupin", "tune1", "0", "1"))).isEqualTo("\n");
                assertThat(ok(jvirsh.run("vcpupin", "tune1"))).endsWith(" 0      1\n\n");
                assertThat(ok(jvirsh.run("vcpuinfo", "tune1"))).contains("CPU Affinity:   -y\n");
                assertThat(ok(jvirsh.run("emulatorpin", "tune1"))).isEqualTo("emulator: CPU Affinity\n"
                        + "----------------------------------\n       *: 0-1\n\n");
                assertThat(ok(jvirsh.run("emulatorpin", "tune1", "0"))).isEqualTo("\n");
                assertThat(ok(jvirsh.run("emulatorpin", "tune1"))).endsWith("       *: 0\n\n");
                assertThat(ok(jvirsh.run("vcpuinfo", "tune1"))).contains("CPU Affinity:   -y\n"); // the vCPU kept its own
                Result badCpu = jvirsh.run("vcpupin", "tune1", "0", "5");
                assertThat(badCpu.err()).isEqualTo("error: CPU 5 in cpulist '5' exceed the maxcpu 2\n");
                Result pinConfig = jvirsh.run("vcpupin", "tune1", "0", "1", "--config");
                assertThat(pinConfig.err()).as(pinConfig.toString()).startsWith("error: invalid argument: vcpupin of the "
                        + "stored definition (<cputune>) is not supported by jvirt");
            }

            // Alt+SysRq+H on the guest's PS/2 keyboard: its kernel prints the SysRq help on its console
            assertThat(ok(jvirsh.run("send-key", "tune1", "KEY_LEFTALT", "KEY_SYSRQ", "KEY_H"))).isEqualTo("\n");
            SerialOutput.await(log, "sysrq:", Duration.ofSeconds(30));
            Result badKey = jvirsh.run("send-key", "tune1", "KEY_NOSUCH");
            assertThat(badKey.err()).isEqualTo("error: invalid keycode: 'KEY_NOSUCH'\n");

            assertThat(ok(jvirsh.run("inject-nmi", "tune1"))).isEqualTo("\n");
            SerialOutput.await(log, "NMI received", Duration.ofSeconds(30));

            String vnc = ok(jvirsh.run("vncdisplay", "tune1"));
            assertThat(vnc).matches("127\\.0\\.0\\.1:\\d+\n\n");
            int display = Integer.parseInt(vnc.strip().substring("127.0.0.1:".length()));
            assertThat(ok(jvirsh.run("domdisplay", "tune1"))).isEqualTo("vnc://127.0.0.1:" + display + "\n\n");
            try (java.net.Socket rfb = new java.net.Socket("127.0.0.1", 5900 + display)) {
                assertThat(new String(rfb.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");
            }
            Result noSpice = jvirsh.run("domdisplay", "tune1", "--type", "spice");
            assertThat(noSpice.err()).isEqualTo("error: No graphical display with type 'spice' found\n");

            assertThat(ok(jvirsh.run("blockresize", "tune1", "vda", "128M"))).isEqualTo("Block device 'vda' is resized\n\n");
            assertThat(ok(jvirsh.run("domblkinfo", "tune1", "vda"))).startsWith("Capacity:       134217728\n");
            GuestShell.run(jvirsh, "tune1", log, "echo JVIRT-VDA-SECTORS $(cat /sys/block/vda/size)", "JVIRT-VDA-SECTORS 262144");
            Result noDisk = jvirsh.run("blockresize", "tune1", "vdz", "1G");
            assertThat(noDisk.err()).isEqualTo("error: invalid argument: disk 'vdz' was not found in domain 'tune1'\n");

            Path iso = scratch.resolve("media.iso");
            Files.write(iso, new byte[1 << 20]);
            assertThat(ok(jvirsh.run("change-media", "tune1", "hdc", iso.toString(), "--insert")))
                    .isEqualTo("Successfully inserted media.\n\n");
            assertThat(ok(jvirsh.run("domblklist", "tune1"))).contains(" hdc      " + iso + "\n");
            assertThat(ok(jvirsh.run("qemu-monitor-command", "tune1", "{\"execute\":\"query-block\"}"))).contains(iso.toString());
            assertThat(ok(jvirsh.run("change-media", "tune1", "hdc", "--eject"))).isEqualTo("Successfully ejected media.\n\n");
            assertThat(ok(jvirsh.run("domblklist", "tune1"))).contains(" hdc      -\n");
            assertThat(ok(jvirsh.run("qemu-monitor-command", "tune1", "{\"execute\":\"query-block\"}")))
                    .doesNotContain(iso.toString());

            Path shot = scratch.resolve("tune1.ppm");
            assertThat(ok(jvirsh.run("screenshot", "tune1", shot.toString())))
                    .isEqualTo("Screenshot saved to " + shot + ", with type of image/x-portable-pixmap\n\n");
            assertThat(new String(Files.readAllBytes(shot), 0, 3, StandardCharsets.US_ASCII)).isEqualTo("P6\n");
            Result renameActive = jvirsh.run("domrename", "tune1", "tune2");
            assertThat(renameActive.err()).as(renameActive.toString())
                    .isEqualTo("error: Requested operation is not valid: cannot rename active domain\n");
            ok(jvirsh.run("destroy", "tune1"));
            String uuid = ok(jvirsh.run("domuuid", "tune1"));
            assertThat(ok(jvirsh.run("domrename", "tune1", "tune2"))).isEqualTo("Domain successfully renamed\n\n");
            assertThat(ok(jvirsh.run("list", "--all", "--name"))).isEqualTo("tune2\n\n");
            assertThat(ok(jvirsh.run("domuuid", "tune2"))).isEqualTo(uuid);
            assertThat(ok(jvirsh.run("dumpxml", "tune2"))).contains("<name>tune2</name>").contains("<title>Tiny one</title>");
            Result itself = jvirsh.run("domrename", "tune2", "tune2");
            assertThat(itself.err()).isEqualTo("error: Requested operation is not valid: Can't rename domain to itself\n");
        }
    }

    /**
     * setvcpus: a vCPU hot-plugged into the running guest (its kernel sees it, and it can be brought
     * online) and unplugged again (its kernel lets go of it); the stored counts.
     */
    @Test
    void vcpusHotpluggedAndUnplugged(TinyGuest guest) throws Exception {
        Path scratch = Files.createTempDirectory("jvirsh-vcpus-");
        made.add(scratch);
        try (JvirtdUnderTest daemon = new JvirtdUnderTest(scratch.resolve("daemon"))) {
            Distribution dist = Distribution.find(scratch);
            daemon.start(dist);
            Cli jvirsh = new Cli(dist.jvirsh(), Map.of("JVIRT_DEFAULT_URI", daemon.uri()));
            Path xml = TinyDomainXml.write(guest, "cpus1", scratch);
            Files.writeString(xml, Files.readString(xml).replace("<vcpu>1</vcpu>", "<vcpu current='1'>2</vcpu>"));
            ok(jvirsh.run("define", xml.toString()));
            assertThat(ok(jvirsh.run("vcpucount", "cpus1"))).isEqualTo("maximum      config         2\n"
                    + "current      config         1\n\n");
            Result over = jvirsh.run("setvcpus", "cpus1", "3", "--config");
            assertThat(over.err()).as(over.toString()).isEqualTo("error: invalid argument: requested vcpus is greater than "
                    + "max allowable vcpus for the persistent domain: 3 > 2\n");
            Result zero = jvirsh.run("setvcpus", "cpus1", "0");
            assertThat(zero.err()).isEqualTo("error: Can't set 0 processors for a VM\n");

            ok(jvirsh.run("start", "cpus1"));
            Path log = daemon.state.resolve("log/qemu/cpus1.console.log");
            SerialOutput.await(log, TinyGuest.READY_MARKER, Duration.ofSeconds(120));
            assertThat(ok(jvirsh.run("setvcpus", "cpus1", "2", "--live"))).isEqualTo("\n");
            assertThat(ok(jvirsh.run("vcpucount", "cpus1", "--live"))).isEqualTo("maximum      live           2\n"
                    + "current      live           2\n\n");
            assertThat(ok(jvirsh.run("vcpuinfo", "cpus1"))).contains("VCPU:           1\n");
            assertThat(ok(jvirsh.run("dumpxml", "cpus1"))).contains(">2</vcpu>").doesNotContain("current='1'");
            GuestShell.run(jvirsh, "cpus1", log, "echo JVIRT-CPUS $(ls -d /sys/devices/system/cpu/cpu[0-9]* | wc -l)",
                    "JVIRT-CPUS 2");
            // what udev does in a full guest: the new CPU brought online (the tiny guest has no udev)
            GuestShell.run(jvirsh, "cpus1", log, "echo 1 > /sys/devices/system/cpu/cpu1/online; "
                    + "echo JVIRT-ONLINE $(cat /sys/devices/system/cpu/online)", "JVIRT-ONLINE 0-1");
            Result liveOver = jvirsh.run("setvcpus", "cpus1", "3", "--live");
            assertThat(liveOver.err()).as(liveOver.toString()).isEqualTo("error: invalid argument: requested vcpus is "
                    + "greater than max allowable vcpus for the live domain: 3 > 2\n");
            Result maxLive = jvirsh.run("setvcpus", "cpus1", "1", "--maximum");
            assertThat(maxLive.err()).as(maxLive.toString()).isEqualTo("error: Requested operation is not valid: "
                    + "maximum vcpu count of a live domain can't be modified\n");

            long asked = System.nanoTime();
            assertThat(ok(jvirsh.run("setvcpus", "cpus1", "1", "--live"))).isEqualTo("\n");
            System.out.printf("setvcpus 1 --live: the guest released its vCPU after %d ms%n", (System.nanoTime() - asked) / 1_000_000);
            assertThat(ok(jvirsh.run("vcpucount", "cpus1", "--live", "--active"))).isEqualTo("current      live           1\n\n");
            GuestShell.run(jvirsh, "cpus1", log, "echo JVIRT-CPUS-NOW $(ls -d /sys/devices/system/cpu/cpu[0-9]* | wc -l)",
                    "JVIRT-CPUS-NOW 1");
            ok(jvirsh.run("setvcpus", "cpus1", "1", "--maximum", "--config"));
            assertThat(ok(jvirsh.run("vcpucount", "cpus1", "--config"))).isEqualTo("maximum      config         1\n"
                    + "current      config         1\n\n");
            ok(jvirsh.run("destroy", "cpus1"));
        }
    }

    private static long awaitStat(Cli jvirsh, String key, java.util.function.LongPredicate ok) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long v = -1;
        while (System.nanoTime() < deadline) {
            v = stat(ok(jvirsh.run("dommemstat", "tune1")), key);
            if (v >= 0 && ok.test(v)) {
                return v;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("dommemstat " + key + " stayed at " + v);
    }

    private static long stat(String dommemstat, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + " (\\d+)$").matcher(dommemstat);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String ok(Result r) {
        assertThat(r.err()).as(r.toString()).isEmpty();
        assertThat(r.status()).as(r.toString()).isZero();
        return r.out();
    }
}
