package dev.jvirt.libvirtwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class XdrTest {

    @Test
    void valuesRoundTripWithPadding() {
        UUID u = UUID.fromString("6a0cbb0e-54c4-4b8e-9d43-0c4e1f7cf001");
        XdrWriter w = new XdrWriter().writeInt(-2).writeUnsigned(0xfffffffeL).writeHyper(7_002_022L).writeBool(true)
                .writeString("abcde").writeOptionalString(null).writeOptionalString("x");
        new WireDomain("t1", u, -1).write(w);
        byte[] b = w.toByteArray();
        assertThat(b.length % 4).isZero();
        XdrReader r = new XdrReader(b);
        assertThat(r.readInt()).isEqualTo(-2);
        assertThat(r.readUnsigned()).isEqualTo(0xfffffffeL);
        assertThat(r.readHyper()).isEqualTo(7_002_022L);
        assertThat(r.readBool()).isTrue();
        assertThat(r.readString()).isEqualTo("abcde");
        assertThat(r.readOptionalString()).isNull();
        assertThat(r.readOptionalString()).isEqualTo("x");
        assertThat(WireDomain.read(r)).isEqualTo(new WireDomain("t1", u, -1));
        assertThat(r.remaining()).isZero();
    }

    @Test
    void aStringIsItsLengthThenBytesPaddedToFour() {
        assertThat(new XdrWriter().writeString("hello").toByteArray())
                .containsExactly(0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o', 0, 0, 0);
    }

    @Test
    void hostileLengthsFailBeforeAllocating() {
        byte[] huge = new XdrWriter().writeInt(Integer.MAX_VALUE).toByteArray();
        assertThatThrownBy(() -> new XdrReader(huge).readString()).isInstanceOf(XdrException.class)
                .hasMessageContaining("exceeds the limit");
        byte[] negative = new XdrWriter().writeInt(-1).toByteArray();
        assertThatThrownBy(() -> new XdrReader(negative).readArrayLength(10)).isInstanceOf(XdrException.class);
        byte[] truncated = new XdrWriter().writeInt(8).writeInt(1).toByteArray();
        assertThatThrownBy(() -> new XdrReader(truncated).readString()).isInstanceOf(XdrException.class)
                .hasMessageContaining("ends early");
        assertThatThrownBy(() -> new XdrReader(new byte[2]).readInt()).isInstanceOf(XdrException.class);
        assertThatThrownBy(() -> new XdrReader(new XdrWriter().writeInt(2).toByteArray()).readBool())
                .isInstanceOf(XdrException.class);
    }

    @Test
    void remoteErrorRoundTrips() {
        XdrWriter w = new XdrWriter();
        RemoteError.of(VirError.NO_DOMAIN, VirError.FROM_QEMU, "Domain not found: x").write(w);
        assertThat(RemoteError.read(new XdrReader(w.toByteArray())))
                .isEqualTo(RemoteError.of(VirError.NO_DOMAIN, VirError.FROM_QEMU, "Domain not found: x"));
    }
}
