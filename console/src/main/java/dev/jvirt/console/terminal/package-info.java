/**
 * The client's side: {@code jvirsh console NAME [--force] [--safe] [-e ESC] [--history BYTES]}
 * opens the daemon's console stream (asking for recent output first: 4 KiB by default in terminal
 * mode, see {@link dev.jvirt.console.terminal.ConsoleOptions#terminal()}) and returns
 * {@code ConsoleClient.run(ConsoleOptions.of(NAME).withEscape(EscapeKey.parse(esc)), in, out)} as
 * its exit status; {@code jvirsh console --log NAME [--follow]} copies the log the daemon streams
 * with {@link dev.jvirt.console.terminal.ConsoleLogPrinter}.
 */
package dev.jvirt.console.terminal;
