package org.miniascape.migrate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.miniascape.migrate.ONode.OEntry;
import org.miniascape.migrate.ONode.OList;
import org.miniascape.migrate.ONode.OMap;
import org.miniascape.migrate.ONode.OScalar;
import org.miniascape.model.SourcePosition;

/**
 * 0.3's {@code setup_data} → {@code setup_data}. 0.3 rendered each entry with the guest's context (its
 * {@code src}, a template below {@code autoinstall.d/} of its template directories, or its inline {@code content})
 * into {@code setup/DST} ({@code dst} defaulting to {@code src}), packed that directory into a tarball in the
 * kickstart and unpacked it into {@code /root/setup}; here the same files land there ({@code build -t
 * TEMPLATES/autoinstall.d}). An inline {@code content} becomes a template file of the new site's own,
 * {@code templates/setup_data/LEVEL/DST} ({@link #templates}); {@code install.mode} (0.3 also copied the file
 * there) becomes the file's {@code mode}, {@code install.dst} is reported (a {@code post_script} copies it).
 */
final class SetupDataMigration {
    /** The directory of the new site that holds the templates made from 0.3's inline contents. */
    static final String TEMPLATE_DIR = "templates";
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");
    private static final Pattern LEVEL = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private static String text(ONode n) {
        return n instanceof OScalar s ? s.text() : null;
    }

    /** Names separated by '/', none empty, '.' or '..', on one line: a file below the new site's directory. */
    static boolean plainPath(String path) {
        return !path.isEmpty() && org.miniascape.validate.Text.isSingleLine(path) && java.util.Arrays.stream(
                path.split("/", -1)).noneMatch(p -> p.isEmpty() || p.equals(".") || p.equals("..") || p.contains(".."));
    }

    interface Note {
        void note(SourcePosition at, String key, String outcome);
    }

    private final Note note;
    /** The template files made from inline contents: path below the new site's directory → text. */
    final Map<String, String> templates = new LinkedHashMap<>();

    SetupDataMigration(Note note) {
        this.note = note;
    }

    /** 0.3's {@code setup_data} of a level ({@code levelName}: its name, or common): the new list, or null. */
    Out setupData(OEntry e, String path, String levelName) {
        if (!(e.value() instanceof OList list)) {
            note.note(e.keyAt(), path, Migration.NONE + ": not a list of {src, dst}");
            return null;
        }
        Out.OutList out = new Out.OutList(list.at());
        note.note(e.keyAt(), path, "setup_data: the files are rendered with the guest's context into "
                + "guests/NAME/setup/DST and unpacked into /root/setup/DST at install, as 0.3's setup tarball was "
                + "(build with -t TEMPLATES/autoinstall.d, 0.3's template directory, for the src templates; they "
                + "see this format's context: guest.name, guest.fqdn, settings.KEY, and 0.3's own keys as vars.KEY)");
        for (int i = 0; i < list.items().size(); i++) {
            String k = path + "[" + i + "]";
            if (!(list.items().get(i) instanceof OMap item)) {
                note.note(list.items().get(i).at(), k, Migration.NONE + ": not a mapping of src and dst");
                continue;
            }
            Out entry = entry(item, k, levelName);
            if (entry != null) {
                out.items.add(entry);
            }
        }
        return out;
    }

    private Out entry(OMap item, String k, String levelName) {
        OEntry src = item.entries().get("src");
        OEntry dst = item.entries().get("dst");
        OEntry content = item.entries().get("content");
        Out.OutMap o = new Out.OutMap(item.at());
        if (content != null) {
            if (dst == null || !(dst.value() instanceof OScalar d) || !(content.value() instanceof OScalar c)) {
                note.note(content.keyAt(), k + ".content", Migration.NONE + ": an inline content needs its dst"
                        + " (0.3 refused it without)");
                return null;
            }
            if (!plainPath(d.text())) {
                note.note(content.keyAt(), k + ".content", Migration.NONE + ": its dst '" + d.text() + "' is not a"
                        + " relative path of plain names");
                return null;
            }
            String level = LEVEL.matcher(levelName).matches() ? levelName : "level";
            String file = "setup_data/" + level + "/" + d.text();
            int n = 2;
            while (templates.containsKey(TEMPLATE_DIR + "/" + file)) {
                file = "setup_data/" + level + "-" + n++ + "/" + d.text();
            }
            // 0.3 rendered the content as a Jinja2 template with the guest's context: it is a template here too.
            templates.put(TEMPLATE_DIR + "/" + file, c.text());
            o.put("src", new Out.OutScalar(file, content.value().at()));
            o.get("src").comment("0.3's inline content, now " + TEMPLATE_DIR + "/" + file + " beside this file"
                    + " (build with -t " + TEMPLATE_DIR + ")");
            note.note(content.keyAt(), k + ".content", "setup_data[].src: the template " + TEMPLATE_DIR + "/" + file
                    + " of the new site (build with -t NEW_DIR/" + TEMPLATE_DIR + "), the content as 0.3 gave it");
            if (src != null) {
                note.note(src.keyAt(), k + ".src", "unused: 0.3 took the inline content when both were given");
            }
        } else if (src != null && src.value() instanceof OScalar s) {
            if (s.text().contains("*")) {
                note.note(src.keyAt(), k + ".src", Migration.NONE + ": a glob ('" + s.text() + "'), which 0.3 "
                        + "expanded in its template directories; list each file as an entry of its own");
                return null;
            }
            o.put("src", new Out.OutScalar(s.text(), s.at()));
            note.note(src.keyAt(), k + ".src", "setup_data[].src (a template below TEMPLATES/autoinstall.d, as 0.3"
                    + " looked it up)");
        } else {
            note.note(item.at(), k, Migration.NONE + ": neither src nor content");
            return null;
        }
        if (dst != null && dst.value() instanceof OScalar d) {
            o.put("dst", new Out.OutScalar(d.text(), d.at()));
            note.note(dst.keyAt(), k + ".dst", "setup_data[].dst (below /root/setup in the guest)");
        }
        for (OEntry other : item.entries().values()) {
            switch (other.key()) {
                case "src", "dst", "content" -> { }
                case "install" -> install(other, k + ".install", o, dst != null ? text(dst.value())
                        : src != null ? text(src.value()) : null);
                default -> note.note(other.keyAt(), k + "." + other.key(), Migration.NONE);
            }
        }
        return o;
    }

    /** 0.3's {@code install: {mode, dst}}: it also copied the file to {@code dst} with {@code mode}. */
    private void install(OEntry e, String k, Out.OutMap o, String dst) {
        if (!(e.value() instanceof OMap m)) {
            note.note(e.keyAt(), k, Migration.NONE + ": not a mapping of mode and dst");
            return;
        }
        String mode = null;
        for (OEntry ie : m.entries().values()) {
            String text = ie.value() instanceof OScalar s ? s.text() : null;
            if (ie.key().equals("mode") && text != null && MODE.matcher(text).matches()) {
                mode = text.length() == 3 ? "0" + text : text;
                o.put("mode", new Out.OutScalar(mode, ie.value().at()));
                note.note(ie.keyAt(), k + ".mode", "setup_data[].mode " + mode + " (the file's mode in /root/setup)");
            } else if (ie.key().equals("dst") && text != null) {
                note.note(ie.keyAt(), k + ".dst", Migration.NONE + ": 0.3 also copied the file to " + text
                        + "; here it is only in /root/setup: copy it in post_script (install -m "
                        + (mode != null ? mode : "MODE") + " /root/setup/" + (dst != null ? dst : "DST") + " " + text
                        + ")");
            } else {
                note.note(ie.keyAt(), k + "." + ie.key(), Migration.NONE);
            }
        }
    }
}
