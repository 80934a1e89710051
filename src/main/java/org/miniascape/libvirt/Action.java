package org.miniascape.libvirt;

import java.util.List;
import java.util.Locale;

/**
 * What a plan does to one object: its type, why, how the object differs (before/after lines), which actions
 * must be done first, and the libvirt calls ({@link Step}s) that do it. {@code id} is unique in a plan, e.g.
 * {@code network/lan}, {@code volume/lab/web-1-disk1.qcow2}, {@code domain/web-1}, {@code boot/web-1}.
 * {@code host}: the site's host the action is carried out on, empty for a site on one host; in a plan over several
 * hosts every id and dependency ends in {@code @HOST} ({@code network/lan@kvm2}), see {@link #onHost}.
 */
public record Action(String id, Kind kind, String name, Type type, String reason, List<String> diff,
                     List<String> dependsOn, List<Step> steps, String host) {

    /** An action of a site on one host. */
    public Action(String id, Kind kind, String name, Type type, String reason, List<String> diff,
                  List<String> dependsOn, List<Step> steps) {
        this(id, kind, name, type, reason, diff, dependsOn, steps, "");
    }

    public Action {
        host = host == null ? "" : host;
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
        READY,
        /**
         * The VXLAN device that joins a stretched network's bridge on one host to its bridges on the others (a
         * site over several hosts); made with {@code ip link} and {@code bridge fdb} through the host's shell.
         */
        LINK,
        /** A host of a site over several hosts whose daemon could not be reached when the plan was made. */
        HOST;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** True for the kinds whose object is a guest (named as the guest): domain, install, boot, ready. */
        public boolean ofGuest() {
            return this == DOMAIN || this == INSTALL || this == BOOT || this == READY;
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

    /** The same action on {@code host}: its id and every dependency get {@code @HOST}. */
    public Action onHost(String host) {
        return new Action(id + "@" + host, kind, name, type, reason, diff, dependsOn.stream().map(d -> d + "@" + host)
                .toList(), steps, host);
    }

    /** The same action with more dependencies (ids as they are in the plan). */
    public Action dependingAlsoOn(List<String> more) {
        List<String> deps = new java.util.ArrayList<>(dependsOn);
        more.stream().filter(d -> !deps.contains(d)).forEach(deps::add);
        return new Action(id, kind, name, type, reason, diff, deps, steps, host);
    }

    /** The name with its host, as reports show it: {@code lan@kvm2}, or {@code lan} on a site on one host. */
    public String where() {
        return host.isEmpty() || kind == Kind.HOST ? name : name + "@" + host;
    }
}
