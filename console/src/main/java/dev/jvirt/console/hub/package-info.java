/**
 * The daemon's side of consoles. jvirtd's wiring, in short ({@code vmmcore.lifecycle.GuestConsoles}):
 *
 * <pre>{@code
 * KeeperClient keeper = ...;                        // connected to RUNTIME/console-keeper.sock (started if need be)
 * // a fresh guest, launched paused, before `cont`:
 * Link link = keeper.keep(new KeepRequest(name, new ConsoleEndpoint.Fifos(base), logFile, bytes, keep, false)).get();
 * qmp chardev-change id=jvirt-console backend=file{in: BASE.in, out: BASE.out}   // the keeper's FIFOs
 * ConsoleHub hub = ConsoleHub.open(HubConfig.of(name, deliveryExecutor), link);
 * // after a daemon restart: the keeper kept it meanwhile, QEMU is left alone
 * ConsoleHub hub = ConsoleHub.open(config, keeper.attach(name).get().orElseThrow());
 * hub.ended().thenAccept(reason -> ...);           // GUEST_STOPPED when QEMU closed the chardev
 *
 * // GET /1.0/domains/NAME/console?mode=rw|ro&force=1&history=BYTES (upgrade)
 * ConsoleStreamBridge b = ConsoleStreamBridge.attach(hub, request, sink); // ConsoleBusyException → 409
 * //   inbound bytes → b.receive(bytes, 0, n); connection closed → b.connectionClosed()
 *
 * // GET /1.0/domains/NAME/console/log[?follow=1]
 * ConsoleLogReader.read(logFile, out);  or  ConsoleLogReader.follow(logFile, out, stillOpen, poll)
 *
 * hub.close();                                     // daemon stopping: the guest runs on, the keeper logs on
 * }</pre>
 */
package dev.jvirt.console.hub;
