package org.miniascape.render.guest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Guest;
import org.miniascape.model.SetupFile;
import org.miniascape.render.Shell;
import org.miniascape.render.Templates;

/**
 * A guest's {@code setup_data}: each file rendered from the user's template with the guest's context, written by
 * {@code build} into {@code guests/NAME/setup/DST} and carried inside the install files, which unpack it into
 * {@value SetupFile#GUEST_DIR}/DST: kickstart's %post and preseed's late script decode each file from base64 in a
 * here-document ({@code guest/setup-data.sh.j2}), cloud-init writes it with {@code write_files} (encoding b64).
 * The content only ever appears as base64 — letters, digits, {@code + / =} — so no text of a file can end the
 * here-document, a kickstart section or a YAML scalar; the paths are quoted for the shell and for YAML. The same
 * input gives the same bytes: files in configuration order, no time stamps or owners.
 */
final class SetupData {
    /** The here-document's delimiter: '_' is not a base64 character, so no line of data equals it. */
    static final String DELIMITER = "MINIASCAPE_SETUP_DATA";
    /** Base64 line length in the scripts (as base64(1) writes it). */
    private static final int LINE = 76;

    /** One rendered file: its path below the setup directory, mode and content. */
    record File(String dst, String mode, boolean executable, String content) {
    }

    private SetupData() {
    }

    /**
     * Renders the guest's setup files with {@code vars} (the context its user templates get); {@code prefix} is
     * the guest's directory in the output, for error messages. A template that is not found is bad input at the
     * position of its {@code src}.
     */
    static List<File> render(Guest guest, Templates templates, Map<String, Object> vars, String prefix,
            Renderer renderer) {
        List<File> out = new ArrayList<>();
        for (SetupFile f : guest.setupData()) {
            if (!templates.exists(f.src())) {
                throw MiniascapeException.badInput(f.origin().of("src") + ": guest " + guest.name()
                        + ": setup_data: template '" + f.src() + "' not found (give its directory with -t DIR)");
            }
            String path = prefix + SetupFile.OUTPUT_DIR + "/" + f.dst();
            out.add(new File(f.dst(), f.mode(), f.executable(), renderer.render(f.src(), vars, path)));
        }
        return List.copyOf(out);
    }

    /** Renders template {@code src} with {@code vars}, naming {@code path} in its errors. */
    interface Renderer {
        String render(String src, Map<String, Object> vars, String path);
    }

    /**
     * The install templates' {@code setup}: {@code any}, {@code dir} (the guest's directory, a shell word),
     * {@code dirs} (the files' directories below it, each once, shell words for {@code mkdir -p}), and per file {@code dst} (a shell
     * word), {@code mode}, {@code data} (base64 lines, each ending in a newline), {@code yaml_path},
     * {@code yaml_mode} and {@code yaml_b64} (YAML double-quoted scalars for cloud-init's write_files).
     */
    static Map<String, Object> variables(List<File> files) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("any", !files.isEmpty());
        v.put("dir", Shell.quote(SetupFile.GUEST_DIR));
        v.put("delimiter", DELIMITER);
        Set<String> dirs = new LinkedHashSet<>();
        List<Object> list = new ArrayList<>();
        Base64.Encoder lines = Base64.getMimeEncoder(LINE, "\n".getBytes(StandardCharsets.US_ASCII));
        for (File f : files) {
            int slash = f.dst().lastIndexOf('/');
            if (slash > 0) {
                dirs.add(Shell.quote(f.dst().substring(0, slash)));
            }
            byte[] bytes = f.content().getBytes(StandardCharsets.UTF_8);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dst", Shell.quote(f.dst()));
            m.put("mode", f.mode());
            String data = lines.encodeToString(bytes);
            m.put("data", data.isEmpty() ? "" : data + "\n");
            m.put("yaml_path", Yaml.quote(SetupFile.GUEST_DIR + "/" + f.dst()));
            m.put("yaml_mode", Yaml.quote(f.mode()));
            m.put("yaml_b64", Yaml.quote(Base64.getEncoder().encodeToString(bytes)));
            list.add(m);
        }
        v.put("dirs", List.copyOf(dirs));
        v.put("files", list);
        return v;
    }
}
