/**
 * The daemon's side of consoles. jvirtd's wiring, in short:
 *
 * <pre>{@code
 * // after launching QEMU (paused), before `cont`; or, after a daemon restart, ConsoleHub.reconnect(..)
 * ConsoleFifos fifos = ConsoleFifos.create(guestPaths.consoleFifos());   // a serial port:
 * qmp chardev-change id=jvirt-console backend=file{in: fifos.toGuest(), out: fifos.fromGuest()}
 * ConsoleHub hub = ConsoleHub.start(HubConfig.of(name, fifos.endpoint(), logFile), fifos);
 * // (a virtio console: ConsoleHub.start(HubConfig.of(name, guestPaths.consoleSocket(), logFile)))
 * hub.ended().thenAccept(reason -> ...);          // GUEST_STOPPED when QEMU closed the chardev
 *
 * // GET /1.0/domains/NAME/console?mode=rw|ro&force=1&history=BYTES (upgrade)
 * ConsoleStreamBridge b = ConsoleStreamBridge.attach(hub, request, sink); // ConsoleBusyException → 409
 * //   inbound bytes → b.receive(bytes, 0, n); connection closed → b.connectionClosed()
 *
 * // GET /1.0/domains/NAME/console/log[?follow=1]
 * ConsoleLogReader.read(logFile, out);  or  ConsoleLogReader.follow(logFile, out, stillOpen, poll)
 *
 * hub.close();                                     // daemon stopping: the guest keeps running
 * }</pre>
 */
package dev.jvirt.console.hub;
