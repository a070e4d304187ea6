package dev.jvirt.qmpclient;

/** QEMU's version as the greeting and {@code query-version} report it. */
public record QmpVersion(int major, int minor, int micro, String packageName) {

    /** True when this version is at least {@code major.minor}. */
    public boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro + (packageName.isEmpty() ? "" : " (" + packageName + ")");
    }
}
