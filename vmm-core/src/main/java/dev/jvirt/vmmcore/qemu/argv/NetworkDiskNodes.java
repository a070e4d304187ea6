package dev.jvirt.vmmcore.qemu.argv;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jvirt.domainxml.domain.Disk;
import java.util.List;

/**
 * The storage node of a {@code <disk type='network'>}, as libvirt writes it for {@code -blockdev}:
 * {@code nbd} (TCP or a unix socket, {@code export} from the name), {@code http}/{@code https}/
 * {@code ftp}/{@code ftps} ({@code url}), {@code iscsi} ({@code portal}, {@code target} and
 * {@code lun} from {@code IQN/LUN}), {@code rbd} ({@code pool/image}, monitors as servers) and
 * {@code gluster} ({@code volume/path}). Nothing is contacted: the node is only described, so
 * the command line is the same whether a server runs or not. Credentials ({@code <auth>}) are not
 * supported.
 */
final class NetworkDiskNodes {

    private NetworkDiskNodes() {}

    static ObjectNode storage(Disk.Source s, String nodeName, String what) {
        String protocol = s.protocol() == null ? "" : s.protocol();
        List<Disk.Host> hosts = s.hosts();
        ObjectNode n = Json.object();
        switch (protocol) {
            case "nbd" -> {
                n.put("driver", "nbd");
                Disk.Host h = first(hosts, what);
                ObjectNode server = n.putObject("server");
                if ("unix".equals(h.transport())) {
                    server.put("type", "unix");
                    server.put("path", required(h.socket(), what, "<host transport='unix' socket='…'>"));
                } else {
                    server.put("type", "inet");
                    server.put("host", required(h.name(), what, "<host name='…'>"));
                    server.put("port", h.port() == null ? "10809" : h.port());
                }
                if (s.name() != null) {
                    n.put("export", s.name());
                }
            }
            case "http", "https", "ftp", "ftps" -> {
                n.put("driver", protocol);
                Disk.Host h = first(hosts, what);
                String name = required(s.name(), what, "<source name='/path'>");
                n.put("url", protocol + "://" + required(h.name(), what, "<host name='…'>") + (h.port() == null ? "" : ":" + h.port())
                        + (name.startsWith("/") ? "" : "/") + name);
            }
            case "iscsi" -> {
                n.put("driver", "iscsi");
                Disk.Host h = first(hosts, what);
                n.put("portal", required(h.name(), what, "<host name='…'>") + ":" + (h.port() == null ? "3260" : h.port()));
                String name = required(s.name(), what, "<source name='IQN/LUN'>");
                int slash = name.lastIndexOf('/');
                n.put("target", slash < 0 ? name : name.substring(0, slash));
                n.put("lun", slash < 0 ? 0 : parseLun(name.substring(slash + 1), what));
                n.put("transport", "tcp");
            }
            case "rbd" -> {
                n.put("driver", "rbd");
                String name = required(s.name(), what, "<source name='POOL/IMAGE'>");
                int slash = name.indexOf('/');
                if (slash <= 0) {
                    throw new CommandLineException(what, "an rbd source name is POOL/IMAGE, not '" + name + "'");
                }
                n.put("pool", name.substring(0, slash));
                n.put("image", name.substring(slash + 1));
                if (!hosts.isEmpty()) {
                    ArrayNode servers = n.putArray("server");
                    for (Disk.Host h : hosts) {
                        ObjectNode m = servers.addObject();
                        m.put("host", required(h.name(), what, "<host name='…'>"));
                        m.put("port", h.port() == null ? "0" : h.port()); // libvirt's: librados picks its default
                    }
                }
            }
            case "gluster" -> {
                n.put("driver", "gluster");
                String name = required(s.name(), what, "<source name='VOLUME/PATH'>");
                int slash = name.indexOf('/');
                if (slash <= 0) {
                    throw new CommandLineException(what, "a gluster source name is VOLUME/PATH, not '" + name + "'");
                }
                n.put("volume", name.substring(0, slash));
                n.put("path", name.substring(slash));
                ArrayNode servers = n.putArray("server");
                for (Disk.Host h : hosts.isEmpty() ? List.of(first(hosts, what)) : hosts) {
                    ObjectNode m = servers.addObject();
                    m.put("type", "inet");
                    m.put("host", required(h.name(), what, "<host name='…'>"));
                    m.put("port", h.port() == null ? "24007" : h.port());
                }
                n.put("debug", 0);
            }
            default -> throw new CommandLineException(what, "network disk protocol '" + protocol
                    + "' is not supported; use nbd, iscsi, rbd, gluster, http, https, ftp or ftps");
        }
        n.put("node-name", nodeName);
        return n;
    }

    private static Disk.Host first(List<Disk.Host> hosts, String what) {
        if (hosts.isEmpty()) {
            throw new CommandLineException(what, "a network disk needs a <host> in its <source>");
        }
        return hosts.get(0);
    }

    private static String required(String value, String what, String element) {
        if (value == null || value.isEmpty()) {
            throw new CommandLineException(what, "needs " + element);
        }
        return value;
    }

    private static int parseLun(String lun, String what) {
        try {
            return Integer.parseInt(lun);
        } catch (NumberFormatException e) {
            throw new CommandLineException(what, "the iSCSI LUN after the last '/' of the source name is not a number: '" + lun + "'");
        }
    }
}
