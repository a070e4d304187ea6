package dev.jvirt.virshcompat.client;

/** jvirtd's snapshot endpoints (docs/api.md, "Snapshots"). */
public final class SnapshotApi {
    private final ApiTransport http;

    SnapshotApi(ApiTransport http) {
        this.http = http;
    }
}
