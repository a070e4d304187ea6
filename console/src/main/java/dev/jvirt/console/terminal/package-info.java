/**
 * The client's side: {@code jvirsh console NAME [--force] [--safe] [-e ESC]} opens the daemon's
 * console stream and returns {@code ConsoleClient.run(ConsoleOptions.of(NAME).withEscape(
 * EscapeKey.parse(esc)), in, out)} as its exit status; {@code jvirsh console --log NAME [--follow]}
 * copies the streamed log with {@link dev.jvirt.console.terminal.ConsoleLogPrinter}.
 */
package dev.jvirt.console.terminal;
