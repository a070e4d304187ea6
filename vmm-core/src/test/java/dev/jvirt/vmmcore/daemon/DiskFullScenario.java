package dev.jvirt.vmmcore.daemon;

import dev.jvirt.domainxml.domain.DomainXml;
import dev.jvirt.vmmcore.HypervisorConfig;
import dev.jvirt.vmmcore.StateDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Run by {@link DiskFullIT} inside {@code unshare -m}: a 256 KiB tmpfs is jvirtd's state
 * directory; definitions (each padded to ~20 KiB) are defined until one is refused, then the
 * stored ones are checked. Arguments: {@code STATE RUNTIME TEMPLATE_FILE}. Prints key=value lines.
 */
public final class DiskFullScenario {

    private DiskFullScenario() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        Files.createDirectories(state);
        if (new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "jvirt-full", state.toString())
                .inheritIO().start().waitFor() != 0) {
            throw new IllegalStateException("cannot mount a tmpfs on " + state);
        }
        String template = Files.readString(Path.of(args[2]));
        String padding = "x".repeat(20_000);
        DaemonOptions options = new DaemonOptions(DaemonOptions.Mode.SESSION, new StateDirs(state, Path.of(args[1])), false);
        List<String> acknowledged = new ArrayList<>();
        try (Jvirtd d = Jvirtd.start(options, HypervisorConfig.of(options.dirs()))) {
            UnixHttpClient api = new UnixHttpClient(options.socket());
            UnixHttpClient.Response refused = null;
            for (int i = 0; i < 100 && refused == null; i++) {
                String name = "full" + i;
                UnixHttpClient.Response r = api.post("/1.0/domains", Map.of("xml", template.replace("<name>tmpl</name>",
                        "<name>" + name + "</name>\n  <description>" + padding + "</description>")));
                if (r.status() == 201) {
                    acknowledged.add(name);
                } else {
                    refused = r;
                }
            }
            System.out.println("acknowledged=" + acknowledged.size());
            System.out.println("refused=" + (refused == null ? "none" : refused.status() + " " + refused.code()));
            System.out.println("refused-message=" + (refused == null ? "" : refused.message()));
            int intact = 0;
            int bad = 0;
            List<String> stray = new ArrayList<>();
            try (Stream<Path> files = Files.list(state.resolve("qemu"))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String n = f.getFileName().toString();
                    if (n.startsWith(".")) {
                        stray.add(n);
                    } else if (n.endsWith(".xml")) {
                        try {
                            DomainXml.parse(Files.readString(f), f.toString());
                            intact++;
                        } catch (RuntimeException e) {
                            bad++;
                        }
                    }
                }
            }
            System.out.println("stored-intact=" + intact + " stored-broken=" + bad + " stray-temp-files=" + stray);
            System.out.println("listed=" + api.get("/1.0/domains").json().size());
            boolean allThere = acknowledged.stream().allMatch(n -> api.get("/1.0/domains/" + n).status() == 200);
            System.out.println("acknowledged-all-there=" + allThere);
            api.delete("/1.0/domains/" + acknowledged.get(0)); // frees room
            System.out.println("define-after-room=" + api.post("/1.0/domains", Map.of("xml", template.replace(
                    "<name>tmpl</name>", "<name>again</name>"))).status());
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
