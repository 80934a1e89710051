package org.miniascape.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.miniascape.config.YNode.YMap;
import org.miniascape.model.Partitioning;
import org.miniascape.model.User;
import org.miniascape.validate.Problems;
import org.miniascape.validate.Text;

/**
 * A guest's {@code users} and {@code partitioning}: their types and the values that hold whatever the install
 * method (names useradd takes, unique, not root; a uid of an ordinary or system account; group names; a scheme,
 * file system and swap size of the choices). What depends on the method and release is checked with the guest
 * (validate.InstallLayoutChecks).
 */
final class AccountReader {
    /**
     * A login or group name every installer's tools take: useradd's (shadow-utils) and Debian adduser's default
     * NAME_REGEX agree on lower-case letters, digits, '_' and '-', starting with a letter, at most 32.
     */
    static final Pattern ACCOUNT_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    static final String ACCOUNT_NAME_RULE = "lower-case letters, digits, '_' and '-', starting with a letter, at most"
            + " 32 characters";
    /** uids of an account: 0 is root's, 65534 nobody's and 65535 (an unsigned 16-bit -1) means none. */
    static final long UID_MIN = 1;
    static final long UID_MAX = 65533;
    /** The largest swap one may ask for (MiB): 1 TiB. */
    static final long SWAP_MAX = 1024L * 1024;
    private static final Pattern SHELL = Pattern.compile("/[A-Za-z0-9._/+-]+");

    private final Problems problems;
    /** (user name, password) → the crypt hash: plain text is hashed with a salt of the site and the user. */
    private final BiFunction<String, String, String> hash;

    AccountReader(Problems problems, BiFunction<String, String, String> hash) {
        this.problems = problems;
        this.hash = hash;
    }

    List<User> users(MapReader guest) {
        List<User> users = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<Integer, String> uids = new HashMap<>();
        for (YNode item : guest.list("users")) {
            Optional<YMap> m = MapReader.asMap(item, "a user of guest", problems);
            if (m.isEmpty()) {
                continue;
            }
            MapReader u = new MapReader(m.get(), "user of guest", Keys.USER, problems);
            Optional<String> name = u.requiredString("name");
            if (name.isPresent() && !ACCOUNT_NAME.matcher(name.get()).matches()) {
                u.error("name", "user name '" + Text.printable(name.get()) + "' is not a login name useradd takes ("
                        + ACCOUNT_NAME_RULE + ")");
                name = Optional.empty();
            } else if (name.isPresent() && name.get().equals("root")) {
                u.error("name", "'root' is not one of 'users': root's access is the guest's root_password and"
                        + " ssh_authorized_keys");
                name = Optional.empty();
            } else if (name.isPresent() && names.containsKey(name.get())) {
                u.error("name", "a second user named '" + name.get() + "' (each user of a guest needs a name of its"
                        + " own)");
                name = Optional.empty();
            }
            Optional<Integer> uid = u.integer("uid", UID_MIN, UID_MAX).map(Long::intValue);
            if (uid.isPresent() && uids.containsKey(uid.get())) {
                u.error("uid", "uid " + uid.get() + " is taken by user '" + uids.get(uid.get()) + "' already (each user"
                        + " needs a uid of its own)");
            }
            List<String> groups = u.strings("groups");
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String g : groups) {
                if (!ACCOUNT_NAME.matcher(g).matches()) {
                    u.error("groups", "group name '" + Text.printable(g) + "' is not a group name groupadd takes ("
                            + ACCOUNT_NAME_RULE + ")");
                } else if (!seen.add(g)) {
                    u.error("groups", "group '" + g + "' is listed twice");
                }
            }
            Optional<String> shell = u.string("shell");
            if (shell.isPresent() && !SHELL.matcher(shell.get()).matches()) {
                u.error("shell", "shell '" + Text.printable(shell.get()) + "' must be an absolute path of letters,"
                        + " digits and . _ / + - (such as /bin/bash)");
                shell = Optional.empty();
            }
            List<String> keys = u.strings("ssh_authorized_keys");
            boolean sudo = u.bool("sudo").orElse(false);
            Optional<String> password = u.string("password");
            if (name.isPresent()) {
                String n = name.get();
                names.put(n, n);
                uid.ifPresent(i -> uids.putIfAbsent(i, n));
                users.add(new User(n, password.map(p -> hash.apply(n, p)), List.copyOf(keys), List.copyOf(groups),
                        uid, shell, sudo, u.origin()));
            }
        }
        return List.copyOf(users);
    }

    Optional<Partitioning> partitioning(MapReader guest) {
        return guest.submap("partitioning").map(map -> {
            MapReader p = new MapReader(map, "'partitioning' of guest", Keys.PARTITIONING, problems);
            Partitioning.Scheme scheme = p.choice("scheme", Partitioning.Scheme.keys())
                    .map(s -> Partitioning.Scheme.valueOf(s.toUpperCase(Locale.ROOT))).orElse(Partitioning.Scheme.LVM);
            Optional<String> filesystem = p.choice("filesystem", Partitioning.FILESYSTEMS);
            Optional<Integer> swap = p.integer("swap", 0, SWAP_MAX).map(Long::intValue);
            return new Partitioning(scheme, filesystem, swap, p.origin());
        });
    }
}
