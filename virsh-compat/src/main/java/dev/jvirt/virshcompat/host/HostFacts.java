package dev.jvirt.virshcompat.host;

import java.util.List;

/** What host-validate looks at, behind an interface so tests can describe any host. */
public interface HostFacts {

    boolean exists(String path);

    /** Opens the file for reading and writing, as QEMU will; false when that is refused. */
    boolean openableReadWrite(String path);

    /** The file's text, or null when it cannot be read. */
    String read(String path);

    /** The names in a directory, empty when it does not exist. */
    List<String> list(String path);

    /** Asks KVM for a VM (KVM_GET_API_VERSION, KVM_CREATE_VM): null when it works, else why not. */
    String kvmCreateVm();
}
