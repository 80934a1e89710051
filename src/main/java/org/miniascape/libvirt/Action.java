package org.miniascape.libvirt;

import java.util.List;
import java.util.Locale;

/**
 * What a plan does to one object: its type, why, how the object differs (before/after lines), which actions
 * must be done first, and the libvirt calls ({@link Step}s) that do it. {@code id} is unique in a plan, e.g.
 * {@code network/lan}, {@code volume/lab/web-1-disk1.qcow2}, {@code domain/web-1}, {@code boot/web-1}.
 */
public record Action(String id, Kind kind, String name, Type type, String reason, List<String> diff,
                     List<String> dependsOn, List<Step> steps) {

    public Action {
        diff = List.copyOf(diff);
        dependsOn = List.copyOf(dependsOn);
        steps = List.copyOf(steps);
        if ((type == Type.NONE || type == Type.REFUSE) && !steps.isEmpty()) {
            throw new IllegalArgumentException(id + ": a " + type.word() + " action has no steps");
        }
    }

    /** The objects a plan handles. */
    public enum Kind {
        NETWORK, POOL, VOLUME, DOMAIN,
        /** A kickstart or preseed guest's installer run (virt-install). */
        INSTALL,
        /** A guest's power state: started (its disk boots as it is) or powered off. */
        BOOT,
        /** Waiting for a started guest to be ready: its reserved leases, then its SSH port. */
        READY;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The action types, each with its sign in the plan, its word, and its word once done. */
    public enum Type {
        CREATE("+", "create", "created"),
        UPDATE_LIVE("~", "update live", "updated live"),
        REDEFINE("~", "redefine", "redefined"),
        REPLACE("-/+", "replace", "replaced"),
        DELETE("-", "delete", "deleted"),
        NONE("=", "none", "unchanged"),
        REFUSE("!", "refuse", "refused");

        private final String sign;
        private final String word;
        private final String done;

        Type(String sign, String word, String done) {
            this.sign = sign;
            this.word = word;
            this.done = done;
        }

        public String sign() {
            return sign;
        }

        public String word() {
            return word;
        }

        public String done() {
            return done;
        }

        /** The key in JSON: create, update-live, redefine, replace, delete, none, refuse. */
        public String key() {
            return word.replace(' ', '-');
        }

        /** True for the types that change the host. */
        public boolean changes() {
            return this != NONE && this != REFUSE;
        }
    }

    static String id(Kind kind, String name) {
        return kind.word() + "/" + name;
    }
}
