/**
 * The QEMU command line: {@link dev.jvirt.vmmcore.qemu.argv.QemuCommandLine#build} turns a
 * validated domain definition (defaults filled), the probed
 * {@link dev.jvirt.vmmcore.HostCapabilities}, the guest's
 * {@link dev.jvirt.vmmcore.qemu.GuestPaths} and {@link dev.jvirt.vmmcore.qemu.argv.LaunchOptions}
 * into QEMU's argv, emulator first. It is pure; what it cannot express it refuses with a
 * {@link dev.jvirt.vmmcore.qemu.argv.CommandLineException} naming the device and the problem.
 *
 * <p>What the driver provides and does around it:
 * <ul>
 *   <li>TAP-backed NICs ({@code network}, {@code bridge}, {@code ethernet}, {@code direct}): a
 *       {@link dev.jvirt.vmmcore.qemu.argv.NetBackend} per NIC id ({@code net0}, {@code net1}, ...
 *       by position in {@code <devices>}) in {@code LaunchOptions.netBackends} — a persistent TAP
 *       by name, or inherited descriptor numbers.</li>
 *   <li>virtiofs: {@code virtiofsd} listening on {@code GuestPaths.virtiofsSocket("fsN")} before
 *       QEMU starts.</li>
 *   <li>UEFI: {@code <loader>} and {@code <nvram>} paths filled, the variables file copied from
 *       its template.</li>
 *   <li>After start, before {@code cont}, over QMP: VNC/spice passwords ({@code set_password}),
 *       {@code <link state='down'/>} ({@code set_link}), the balloon target for
 *       {@code <currentMemory>} and its stats period ({@code qom-set}).</li>
 *   <li>{@code on_poweroff}/{@code on_reboot}/{@code on_crash} from QMP events: QEMU runs with
 *       {@code -no-shutdown} (and {@code -no-reboot} for {@code on_reboot='destroy'}).</li>
 * </ul>
 *
 * <p>Hotplug reuses the same JSON: {@link dev.jvirt.vmmcore.qemu.argv.QemuCommandLine#plan} with
 * the definition that has the new device gives its {@link dev.jvirt.vmmcore.qemu.argv.DeviceSpec}
 * by id ({@link dev.jvirt.vmmcore.qemu.argv.DeviceIds}): {@code blockdev-add}/{@code object-add}/
 * {@code netdev_add} its backends in order, then {@code device_add} its device; a TAP handed over
 * with {@code getfd} is {@link dev.jvirt.vmmcore.qemu.argv.NetBackend.MonitorFd}.
 */
package dev.jvirt.vmmcore.qemu.argv;
