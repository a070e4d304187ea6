/**
 * The console keeper: a process of its own ({@link dev.jvirt.console.keeper.ConsoleKeeperMain},
 * started by jvirtd through {@link dev.jvirt.console.keeper.KeeperProcess} from the same jars) that
 * holds QEMU's console chardevs and writes the console logs, so that no output is lost while jvirtd
 * is down. See {@link dev.jvirt.console.keeper.ConsoleKeeper} for its lifetime rule and
 * {@link dev.jvirt.console.keeper.KeeperFrame} for the protocol on its socket;
 * {@link dev.jvirt.console.keeper.KeeperClient} is the daemon's end.
 *
 * <p>Files, all in the daemon's runtime directory (which must be the keeper's uid's and writable by
 * nobody else, or it refuses to start): {@code console-keeper.sock} (0600; a connecting process
 * must run as the keeper's uid, checked with {@code SO_PEERCRED}), {@code console-keeper.pid},
 * {@code console-keeper.lock} (one keeper per directory), and each guest's FIFOs
 * {@code qemu/NAME/console.{in,out}}, made by the keeper itself (0600, opened with
 * {@code O_NOFOLLOW}). Its own log is {@code STATE/log/console-keeper.log}.
 */
package dev.jvirt.console.keeper;
