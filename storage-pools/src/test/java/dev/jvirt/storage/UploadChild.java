package dev.jvirt.storage;

import java.nio.file.Path;

/**
 * Run by {@link UploadKillIT} in a JVM of its own: uploads {@code ARGS[2]} into volume
 * {@code ARGS[1]} of dir pool {@code ARGS[0]}'s storage under {@code ROOT}, prints PROGRESS
 * once a chunk is written and then stalls, to be killed with SIGKILL.
 */
public final class UploadChild {
    private UploadChild() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        StoragePools pools = StoragePools.open(StorageConfig.of(root.resolve("state/storage"), root.resolve("run/storage"), null));
        pools.volumes().uploadFile(new VolumeRef("p", args[1]), Path.of(args[2]), (done, total) -> {
            if (done >= 4 << 20) {
                System.out.println("PROGRESS " + done);
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Thread.sleep(600_000);
    }
}
