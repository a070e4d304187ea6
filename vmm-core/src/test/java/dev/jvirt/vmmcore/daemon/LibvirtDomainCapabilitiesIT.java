package dev.jvirt.vmmcore.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jvirt.testimages.PrivateLibvirt;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code virsh domcapabilities} from jvirtd against a session libvirtd on the same QEMU, for the
 * i440fx and the q35 machine: the facts virt-install and virt-manager choose by are the same
 * (emulator, machine, firmware and loaders, Secure Boot, whether host-passthrough is offered), and
 * every device value jvirt offers is one libvirt offers too (jvirt offers fewer: only what its
 * command line builds).
 */
class LibvirtDomainCapabilitiesIT {

    @Test
    void domcapabilitiesAgreesWithLibvirtdOnWhatClientsChooseBy() throws Exception {
        try (DaemonFixture f = new DaemonFixture(); PrivateLibvirt lv = PrivateLibvirt.start()) {
            Jvirtd d = f.start();
            List<String> jvirtd = List.of("virsh", "-c", "qemu+unix:///session?socket=" + d.libvirtSocket());
            List<String> libvirtd = lv.command("virsh", "-c", "qemu:///session");
            for (String machine : List.of("pc", "q35")) {
                Map<String, List<String>> jv = facts(xml(jvirtd, machine));
                Map<String, List<String>> lvFacts = facts(xml(libvirtd, machine));
                for (String fact : List.of("path", "machine", "domain", "os/firmware", "os/loader", "os/loader/type",
                        "os/loader/readonly", "os/loader/secure", "cpu/host-passthrough")) {
                    assertThat(jv.get(fact)).as(machine + ": " + fact).isEqualTo(lvFacts.get(fact));
                }
                jv.forEach((fact, values) -> {
                    if (fact.startsWith("devices/") && fact.contains("/enum/")) {
                        assertThat(lvFacts.get(fact)).as(machine + ": " + fact).containsAll(values);
                    }
                });
                assertThat(jv.get("os/loader")).as(machine + ": UEFI loaders").isNotEmpty();
                assertThat(jv.get("devices/disk/enum/bus")).contains("virtio", "sata");
            }
        }
    }

    private static String xml(List<String> virsh, String machine) throws Exception {
        String out = LibvirtVirshIT.run(virsh, "domcapabilities", "--machine", machine, "--virttype", "qemu");
        assertThat(out).endsWith("exit 0\n");
        return out.substring(out.indexOf('\n') + 1, out.lastIndexOf("exit 0"));
    }

    /** fact → values: top-level texts, os facts, CPU modes' support, and each device enum's values. */
    private static Map<String, List<String>> facts(String xml) throws Exception {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        Map<String, List<String>> out = new TreeMap<>();
        for (String top : List.of("path", "machine", "domain")) {
            out.put(top, List.of(child(root, top).getTextContent()));
        }
        Element os = child(root, "os");
        out.put("os/firmware", values(enumeration(os, "firmware")));
        Element loader = child(os, "loader");
        List<String> loaders = new ArrayList<>();
        for (Element v : children(loader, "value")) {
            loaders.add(v.getTextContent());
        }
        out.put("os/loader", loaders);
        for (String e : List.of("type", "readonly", "secure")) {
            out.put("os/loader/" + e, values(enumeration(loader, e)));
        }
        for (Element mode : children(child(root, "cpu"), "mode")) {
            out.put("cpu/" + mode.getAttribute("name"), List.of(mode.getAttribute("supported")));
        }
        for (Element dev : children(child(root, "devices"), null)) {
            out.put("devices/" + dev.getTagName(), List.of(dev.getAttribute("supported")));
            for (Element e : children(dev, "enum")) {
                out.put("devices/" + dev.getTagName() + "/enum/" + e.getAttribute("name"), values(e));
            }
        }
        return out;
    }

    private static Element enumeration(Element parent, String name) {
        return children(parent, "enum").stream().filter(e -> e.getAttribute("name").equals(name)).findFirst().orElse(null);
    }

    private static List<String> values(Element e) {
        List<String> out = new ArrayList<>();
        if (e != null) {
            children(e, "value").forEach(v -> out.add(v.getTextContent()));
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        assertThat(c).as("<" + name + "> in <" + parent.getTagName() + ">").isNotEmpty();
        return c.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList n = parent.getChildNodes();
        for (int i = 0; i < n.getLength(); i++) {
            if (n.item(i).getNodeType() == Node.ELEMENT_NODE && (name == null || n.item(i).getNodeName().equals(name))) {
                out.add((Element) n.item(i));
            }
        }
        return out;
    }
}
