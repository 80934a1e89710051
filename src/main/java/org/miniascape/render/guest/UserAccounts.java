package org.miniascape.render.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.miniascape.model.User;
import org.miniascape.render.Shell;

/**
 * The shell side of a guest's {@code users}, already quoted, for {@code guest/user-accounts.sh.j2} (included by
 * ks.cfg's %post and by preseed-late.sh): the SSH keys of each user that the install file could not give
 * ({@code keys}: per user its quoted {@code name}, {@code owner} and {@code lines}), the sudoers lines of the users
 * with {@code sudo: true} (passwordless: a user who logs in by key has no password to type) and, for preseed,
 * the groups to create and the useradd/usermod commands ({@code groups}, {@code commands}).
 */
final class UserAccounts {
    /** The login shell of a user that names none, where the tool's own would be /bin/sh (Debian's useradd). */
    static final String DEFAULT_SHELL = "/bin/bash";

    private UserAccounts() {
    }

    /** {@code users} whose keys the script appends: all of {@code withScriptKeys}. */
    static Map<String, Object> of(List<User> users, List<User> withScriptKeys) {
        Map<String, Object> a = new LinkedHashMap<>();
        List<Object> keys = new ArrayList<>();
        for (User u : withScriptKeys) {
            if (u.sshAuthorizedKeys().isEmpty()) {
                continue;
            }
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("name", Shell.quote(u.name()));
            k.put("owner", Shell.quote(u.name() + ":"));
            k.put("lines", u.sshAuthorizedKeys().stream().map(Shell::quote).toList());
            keys.add(k);
        }
        a.put("keys", keys);
        a.put("sudoers", users.stream().filter(User::sudo)
                .map(u -> Shell.quote(u.name() + " ALL=(ALL) NOPASSWD: ALL")).toList());
        a.put("groups", List.of());
        a.put("commands", List.of());
        a.put("any", !keys.isEmpty() || users.stream().anyMatch(User::sudo));
        return a;
    }

    /**
     * For preseed: d-i makes the first user (passwd/user-*); the script adds its groups and shell, and makes the
     * others with useradd (home directory, shell, uid, groups, password hash), after creating the missing groups.
     */
    static Map<String, Object> preseed(List<User> users) {
        Map<String, Object> a = of(users, users);
        Set<String> groups = new LinkedHashSet<>();
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            User u = users.get(i);
            groups.addAll(u.groups());
            StringBuilder sb = new StringBuilder();
            String g = String.join(",", u.groups());
            if (i == 0) {
                if (u.shell().isPresent()) {
                    sb.append(" -s ").append(Shell.quote(u.shell().get()));
                }
                if (!g.isEmpty()) {
                    sb.append(" -a -G ").append(Shell.quote(g));
                }
                if (sb.length() > 0) {
                    commands.add("usermod" + sb + " " + Shell.quote(u.name()));
                }
                continue;
            }
            sb.append("useradd -m -s ").append(Shell.quote(u.shell().orElse(DEFAULT_SHELL)));
            u.uid().ifPresent(uid -> sb.append(" -u ").append(uid));
            if (!g.isEmpty()) {
                sb.append(" -G ").append(Shell.quote(g));
            }
            u.passwordHash().ifPresent(h -> sb.append(" -p ").append(Shell.quote(h)));
            commands.add(sb + " " + Shell.quote(u.name()));
        }
        a.put("groups", groups.stream().map(Shell::quote).toList());
        a.put("commands", commands);
        a.put("any", (boolean) a.get("any") || !commands.isEmpty());
        return a;
    }
}
