package org.miniascape.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.miniascape.migrate.ONode.OEntry;
import org.miniascape.migrate.ONode.OList;
import org.miniascape.migrate.ONode.OMap;
import org.miniascape.migrate.ONode.OScalar;
import org.miniascape.model.SourcePosition;

/**
 * 0.3's {@code kickstart.users} (its snippet's kickstart user lines) → {@code users}: name, password (a crypt hash
 * with iscrypted kept, plain text carried, dropped when the user was locked), groups, uid, shell; the rest reported.
 */
final class UsersMigration {
    /** The report's sink: Migration.note. */
    interface Notes {
        void note(SourcePosition at, String key, String outcome);
    }

    private final Notes notes;

    UsersMigration(Notes notes) {
        this.notes = notes;
    }

    /** {@code kickstart.users}: 0.3's snippet wrote each as a kickstart user line. */
    Out users(OEntry e, String k) {
        Out.OutList out = new Out.OutList(e.value().at());
        if (!(e.value() instanceof OList list)) {
            notes.note(e.keyAt(), k, Migration.NONE + ": not a list");
            return null;
        }
        if (list.items().isEmpty()) {
            notes.note(e.keyAt(), k, "the default: no users besides root");
            return null;
        }
        notes.note(e.keyAt(), k, "users (kickstart's user lines)");
        for (int i = 0; i < list.items().size(); i++) {
            if (list.items().get(i) instanceof OMap u) {
                out.items.add(user(u, k + "[" + i + "]"));
            }
        }
        return out;
    }

    private Out user(OMap u, String k) {
        Out.OutMap o = new Out.OutMap(u.at());
        boolean crypted = u.get("iscrypted") instanceof OScalar c && Boolean.TRUE.equals(c.value());
        boolean lock = u.get("lock") instanceof OScalar l && Boolean.TRUE.equals(l.value());
        for (OEntry e : u.entries().values()) {
            String uk = k + "." + e.key();
            switch (e.key()) {
                case "name", "shell" -> {
                    o.put(e.key(), new Out.OutScalar(text(e.value()), e.value().at()));
                    notes.note(e.keyAt(), uk, "users[]." + e.key());
                }
                case "uid" -> {
                    o.put("uid", new Out.OutScalar(e.value() instanceof OScalar s ? s.value() : null, e.value().at()));
                    notes.note(e.keyAt(), uk, "users[].uid");
                }
                case "groups" -> {
                    Out.OutList groups = new Out.OutList(e.value().at());
                    List<String> names = new ArrayList<>();
                    if (e.value() instanceof OList l) {
                        l.items().forEach(g -> names.add(text(g)));
                    } else if (text(e.value()) != null) {
                        // kickstart's --groups=a,b
                        for (String g : text(e.value()).split(",")) {
                            names.add(g.strip());
                        }
                    }
                    names.forEach(g -> groups.items.add(new Out.OutScalar(g, e.value().at())));
                    o.put("groups", groups);
                    notes.note(e.keyAt(), uk, "users[].groups");
                }
                case "password" -> password(e, uk, o, crypted, lock);
                case "iscrypted" -> notes.note(e.keyAt(), uk, "how users[].password is read: a crypt hash is used as"
                        + " it is, anything else is plain text and hashed");
                case "lock" -> notes.note(e.keyAt(), uk, lock ? "the default: a user without a password has its"
                        + " password locked (and logs in by key)" : "the default (not locked)");
                case "gecos", "homedir", "gid" -> notes.note(e.keyAt(), uk, Migration.NONE + ": a user here has"
                        + " its name as comment, /home/NAME and a group of its own name"
                        + (e.key().equals("gid") ? " (give the group's name in users[].groups)" : ""));
                default -> notes.note(e.keyAt(), uk, Migration.NONE);
            }
        }
        return o;
    }

    private void password(OEntry e, String uk, Out.OutMap o, boolean crypted, boolean lock) {
        String pw = text(e.value());
        if (lock) {
            notes.note(e.keyAt(), uk, Migration.NONE + ": 0.3 locked the account (lock: true), so the password did"
                    + " not log in; here it has none");
            o.comment("0.3 password dropped: the user was locked");
            return;
        }
        boolean isHash = pw != null && CRYPT.matcher(pw).matches();
        if (crypted && !isHash) {
            notes.note(e.keyAt(), uk, Migration.NONE + ": iscrypted, but not a crypt hash this format knows ($1$, $5$,"
                    + " $6$, $2b$, $y$): give the password again");
            o.comment("0.3 password dropped: iscrypted but not a known crypt hash");
            return;
        }
        o.put("password", new Out.OutScalar(pw, e.value().at()));
        notes.note(e.keyAt(), uk, isHash ? "users[].password (a crypt hash, used as it is)"
                : "users[].password (plain text, as 0.3 had it: build writes its SHA-512 crypt hash)");
    }

    private static final Pattern CRYPT = Pattern.compile("\\$(1|5|6|2[aby]|y|gy|7)\\$[^\\s]+");

    private static String text(ONode n) {
        return n instanceof OScalar s ? s.text() : null;
    }
}
