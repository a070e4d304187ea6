package dev.jvirt.libvirtwire;

/** The virterror numbers jvirtd sends (libvirt's virErrorNumber and virErrorDomain; their values are ABI). */
public final class VirError {
    public static final int INTERNAL_ERROR = 1;
    public static final int NO_SUPPORT = 3;
    public static final int NO_CONNECT = 5;
    public static final int INVALID_ARG = 8;
    public static final int OPERATION_FAILED = 9;
    public static final int XML_ERROR = 27;
    public static final int DOM_EXIST = 28;
    public static final int RPC = 39;
    public static final int NETWORK_EXIST = 37;
    public static final int NO_DOMAIN = 42;
    public static final int NO_NETWORK = 43;
    public static final int NO_STORAGE_POOL = 49;
    public static final int NO_STORAGE_VOL = 50;
    public static final int OPERATION_INVALID = 55;
    public static final int CONFIG_UNSUPPORTED = 67;
    public static final int OPERATION_TIMEOUT = 68;
    public static final int ACCESS_DENIED = 88;
    public static final int STORAGE_VOL_EXIST = 90;

    public static final int FROM_NONE = 0;
    public static final int FROM_QEMU = 10;
    public static final int FROM_REMOTE = 13;
    public static final int FROM_STORAGE = 18;
    public static final int FROM_NETWORK = 19;
    public static final int FROM_DOMAIN = 20;
    public static final int FROM_STREAMS = 38;
    public static final int FROM_RPC = 7;

    public static final int LEVEL_ERROR = 2;

    private VirError() {
    }
}
