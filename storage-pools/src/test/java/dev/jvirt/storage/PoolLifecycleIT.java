package dev.jvirt.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** define, build, start, info, stop, delete, autostart, undefine, the default pool; stored files. */
class PoolLifecycleIT {
    @TempDir
    Path tmp;

    private String xml(String name) {
        return "<pool type='dir'><name>" + name + "</name><target><path>" + tmp.resolve(name) + "</path></target></pool>";
    }

    @Test
    void theDefaultPoolIsMadeOnFirstUseUnderTheImagesDir() throws Exception {
        try (TestStorage st = new TestStorage(tmp)) {
            assertThat(st.images).doesNotExist();
            PoolInfo d = st.pools.info("default");
            assertThat(d.running()).isTrue();
            assertThat(d.autostart()).isTrue();
            assertThat(d.type()).isEqualTo("dir");
            assertThat(st.images).isDirectory();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(st.images))).isEqualTo("rwx--x--x");
            assertThat(st.defs.resolve("default.xml")).exists();
            st.pools.volumes().create("default", VolumeSpec.of("a.qcow2", "qcow2", 1 << 20, Preallocation.OFF));
            assertThat(st.images.resolve("a.qcow2")).exists();
        }
    }

    @Test
    void fullLifecycleWithStoredDefinitions() throws Exception {
        try (TestStorage st = new TestStorage(tmp)) {
            PoolInfo i = st.pools.define(xml("p"), "p.xml");
            assertThat(i.running()).isFalse();
            assertThat(i.persistent()).isTrue();
            Path def = st.defs.resolve("p.xml");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(def))).isEqualTo("rw-------");
            assertThat(Files.readString(def)).contains("<uuid>" + i.uuid() + "</uuid>");
            try (var s = Files.list(st.defs)) {
                assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
            }
            assertThatThrownBy(() -> st.pools.start("p")).isInstanceOf(PoolStateException.class).hasMessageContaining("pool-build p");
            st.pools.build("p", BuildMode.NORMAL);
            st.pools.start("p");
            assertThatThrownBy(() -> st.pools.start("p")).hasMessageContaining("already active");
            PoolInfo running = st.pools.info("p");
            var fs = Files.getFileStore(tmp.resolve("p"));
            assertThat(running.capacity()).isEqualTo(fs.getTotalSpace());
            assertThat(running.available()).isBetween(fs.getUnallocatedSpace() - (64L << 20), fs.getUnallocatedSpace() + (64L << 20));
            assertThat(running.allocation()).isPositive();
            assertThat(st.pools.dumpXml("p")).contains("<capacity unit='bytes'>" + running.capacity() + "</capacity>");
            assertThat(st.pools.list()).extracting(PoolInfo::name).containsExactly("default", "p");

            st.pools.setAutostart("p", true);
            assertThat(st.pools.info("p").autostart()).isTrue();
            st.pools.volumes().create("p", VolumeSpec.of("v.img", "raw", 1 << 20, Preallocation.OFF));
            // a leftover of a killed create goes at refresh
            Files.writeString(tmp.resolve("p/.w.img.jvirt-new-1234"), "x");
            st.pools.refresh("p");
            assertThat(tmp.resolve("p/.w.img.jvirt-new-1234")).doesNotExist();
            assertThatThrownBy(() -> st.pools.undefine("p")).hasMessageContaining("pool-destroy p");
            st.pools.stop("p");
            assertThatThrownBy(() -> st.pools.volumes().list("p")).hasMessageContaining("jvirsh pool-start p");
            assertThatThrownBy(() -> st.pools.resolve("p", "v.img", "g1")).isInstanceOf(PoolStateException.class)
                    .hasMessageContaining("pool 'p' is not active; start it with: jvirsh pool-start p");
            assertThatThrownBy(() -> st.pools.delete("p")).hasMessageContaining("not empty");
        }
        // a second instance (a restarted daemon) sees the same state; autostart starts it
        try (TestStorage st = new TestStorage(tmp)) {
            assertThat(st.pools.info("p").running()).isFalse();
            assertThat(st.pools.startAutostart()).isEmpty();
            assertThat(st.pools.info("p").running()).isTrue();
            st.pools.volumes().delete(new VolumeRef("p", "v.img"), false);
            st.pools.stop("p");
            st.pools.delete("p");
            assertThat(tmp.resolve("p")).doesNotExist();
            st.pools.undefine("p");
            assertThat(st.defs.resolve("p.xml")).doesNotExist();
            assertThat(st.defs.resolve("autostart/p")).doesNotExist();
            assertThatThrownBy(() -> st.pools.info("p")).isInstanceOf(NoSuchPoolException.class);
        }
    }

    @Test
    void aTransientPoolLeavesNoDefinition() {
        try (TestStorage st = new TestStorage(tmp)) {
            assertThatThrownBy(() -> st.pools.create(xml("t"), "t.xml")).hasMessageContaining("pool-build");
            assertThatThrownBy(() -> st.pools.info("t")).isInstanceOf(NoSuchPoolException.class);
            tmp.resolve("t").toFile().mkdir();
            PoolInfo t = st.pools.create(xml("t"), "t.xml");
            assertThat(t.running()).isTrue();
            assertThat(t.persistent()).isFalse();
            assertThat(st.defs.resolve("t.xml")).doesNotExist();
            assertThatThrownBy(() -> st.pools.setAutostart("t", true)).hasMessageContaining("transient");
            st.pools.stop("t");
            assertThatThrownBy(() -> st.pools.info("t")).isInstanceOf(NoSuchPoolException.class);
        }
    }

    @Test
    void aNetfsPoolWithoutAServerFailsToStartWithMountsWordsAndStaysInactive() {
        try (TestStorage st = new TestStorage(tmp)) {
            st.pools.define("<pool type='netfs'><name>n</name><source><host name='127.0.0.1'/><dir path='/nothing'/></source>"
                    + "<target><path>" + tmp.resolve("n") + "</path></target></pool>", null);
            st.pools.build("n", BuildMode.NORMAL);
            assertThatThrownBy(() -> st.pools.start("n")).isInstanceOf(ToolFailedException.class)
                    .hasMessageContaining("mounting 127.0.0.1:/nothing on " + tmp.resolve("n") + " for pool 'n'")
                    .hasMessageContaining("mount failed");
            assertThat(st.pools.info("n").running()).isFalse();
            assertThat(st.run.resolve("n.xml")).doesNotExist();
        }
    }

    @Test
    void badDefinitionsAreRefusedWithWhere() {
        try (TestStorage st = new TestStorage(tmp)) {
            assertThatThrownBy(() -> st.pools.define("<pool type='rbd'><name>x</name><target><path>/x</path></target></pool>", "x.xml"))
                    .hasMessageContaining("x.xml").hasMessageContaining("pool type 'rbd'");
            assertThat(st.defs.resolve("x.xml")).doesNotExist();
        }
    }
}
