package dev.jvirt.virshcompat.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What jvirsh reads from its surroundings: environment variables and the user id. Tests supply their own. */
public interface Env {

    String get(String name);

    int uid();

    /** The real environment of this process. */
    static Env system() {
        return new Env() {
            private int uid = -1;

            @Override
            public String get(String name) {
                return System.getenv(name);
            }

            @Override
            public int uid() {
                if (uid < 0) {
                    try {
                        uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
                    } catch (IOException | UnsupportedOperationException e) {
                        uid = "root".equals(System.getProperty("user.name")) ? 0 : 65534;
                    }
                }
                return uid;
            }
        };
    }

    /** A fixed environment (for tests). */
    static Env of(java.util.Map<String, String> vars, int uid) {
        return new Env() {
            @Override
            public String get(String name) {
                return vars.get(name);
            }

            @Override
            public int uid() {
                return uid;
            }
        };
    }
}
