package dev.jvirt.api;

import dev.jvirt.api.json.Json;
import dev.jvirt.api.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Domain snapshots (docs/api.md, "Snapshots"). */
public final class Snapshots {

    private Snapshots() {
    }

    /**
     * {@code POST /1.0/domains/NAME/snapshots}: either {@code xml} (snapshot-create's
     * {@code <domainsnapshot>}) or {@code name}/{@code description} (snapshot-create-as; a null
     * name is the time); {@code disks}: target → overlay file of an external snapshot.
     */
    public record Create(String xml, String name, String description, boolean diskOnly, boolean noMetadata,
                         Map<String, String> disks) implements Shape {
        public Create {
            disks = disks == null ? Map.of() : Map.copyOf(disks);
        }

        public static Create from(JsonObject o) {
            Map<String, String> disks = new LinkedHashMap<>();
            JsonObject d = o.has("disks") && o.raw("disks") != null ? o.object("disks") : null;
            if (d != null) {
                d.asMap().forEach((k, v) -> disks.put(k, String.valueOf(v)));
            }
            return new Create(o.string("xml"), o.string("name"), o.string("description"),
                    o.has("disk_only") && o.bool("disk_only"), o.has("no_metadata") && o.bool("no_metadata"), disks);
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("xml", xml, "name", name, "description", description, "disk_only", diskOnly,
                    "no_metadata", noMetadata, "disks", new LinkedHashMap<String, Object>(disks));
        }
    }

    /** One snapshot (snapshot-list, snapshot-info): {@code creation_time} in seconds since the epoch. */
    public record Info(String name, String description, String state, long creationTime, String parent, boolean current,
                       String location, long children, long descendants) implements Shape {
        public static Info from(JsonObject o) {
            return new Info(o.string("name"), o.string("description"), o.string("state"), o.number("creation_time", 0),
                    o.string("parent"), o.bool("current"), o.string("location"), o.number("children", 0),
                    o.number("descendants", 0));
        }

        public static List<Info> list(Object parsed) {
            List<Info> out = new ArrayList<>();
            for (Object o : JsonObject.list(parsed)) {
                out.add(from(JsonObject.of(o)));
            }
            return out;
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("name", name, "description", description, "state", state, "creation_time", creationTime,
                    "parent", parent, "current", current, "location", location, "children", children,
                    "descendants", descendants);
        }
    }

    /** {@code POST /1.0/domains/NAME/snapshots/SNAP/revert}: {@code running} true/false forces the state, null: the snapshot's. */
    public record Revert(Boolean running) implements Shape {
        public static Revert from(JsonObject o) {
            return new Revert(o.has("running") && o.raw("running") != null ? o.bool("running") : null);
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("running", running);
        }
    }

    /** {@code GET /1.0/domains/NAME/snapshot-current}: the current snapshot's name, or null. */
    public record Current(String name) implements Shape {
        public static Current from(JsonObject o) {
            return new Current(o.string("name"));
        }

        @Override
        public Map<String, Object> toJson() {
            return Json.object("name", name);
        }
    }
}
