package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalStreamTest {

    @Test
    void journalStreamMustNameTheFileItself(@TempDir Path dir) throws Exception {
        Path stderr = Files.createFile(dir.resolve("stderr"));
        Path other = Files.createFile(dir.resolve("other"));
        String id = Files.getAttribute(stderr, "unix:dev") + ":" + Files.getAttribute(stderr, "unix:ino");
        assertThat(JournalStream.matches(id, stderr)).isTrue();
        // systemd's variable inherited by a process whose stderr went elsewhere: not the journal.
        assertThat(JournalStream.matches(id, other)).isFalse();
        assertThat(JournalStream.matches(null, stderr)).isFalse();
        assertThat(JournalStream.matches("garbage", stderr)).isFalse();
        assertThat(JournalStream.matches("1:x", stderr)).isFalse();
    }

    @Test
    void levelsBecomeJournalPriorities() {
        assertThat(SyslogPrefixConverter.prefix(Level.ERROR)).isEqualTo("<3>");
        assertThat(SyslogPrefixConverter.prefix(Level.WARN)).isEqualTo("<4>");
        assertThat(SyslogPrefixConverter.prefix(Level.INFO)).isEqualTo("<6>");
        assertThat(SyslogPrefixConverter.prefix(Level.DEBUG)).isEqualTo("<7>");
    }
}
