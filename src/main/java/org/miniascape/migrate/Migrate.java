package org.miniascape.migrate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.miniascape.MiniascapeException;
import org.miniascape.config.SiteLoader;
import org.miniascape.model.SourcePosition;
import org.miniascape.validate.ConfigException;
import org.miniascape.validate.Problem;
import org.miniascape.validate.Problems;

/**
 * {@code miniascape migrate OLD [-o NEW_DIR]}: a 0.3 site directory → NEW_DIR/miniascape.yml and NEW_DIR/MIGRATION.md.
 * OLD is only read. Exit 0 when the new site validates; 2 when OLD cannot be read (nothing written), when NEW_DIR
 * exists and is not empty (nothing written), or when the new site was written but carries data errors of OLD
 * (each printed at OLD's FILE:LINE:COLUMN, with the line of the new site).
 */
public final class Migrate {
    public static final String SITE_FILE = "miniascape.yml";
    public static final String REPORT_FILE = "MIGRATION.md";

    private Migrate() {
    }

    /** NEW_DIR when -o is not given: OLD-migrated beside OLD. */
    public static Path defaultTarget(Path old) {
        Path abs = old.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + "-migrated");
    }

    public static int run(Path old, Path target, PrintWriter out, PrintWriter err) {
        if (Files.exists(target) && !isEmptyDirectory(target)) {
            throw MiniascapeException.badInput(target + " exists and is not an empty directory; nothing was written");
        }
        Problems problems = new Problems();
        List<Problem> dataErrors = new ArrayList<>();
        Optional<ONode.OMap> root = OldSiteReader.read(old, problems, dataErrors);
        if (root.isEmpty()) {
            throw new MiniascapeException(2, new ConfigException(problems.sorted()).getMessage()
                    .replace("in the configuration; nothing was written", "reading the 0.3 site " + old
                            + "; nothing was written"));
        }
        Migration m = Migration.of(root.get());
        Out.Text text = Out.write(List.of("Migrated by 'miniascape migrate' from the miniascape 0.3 site " + old + ".",
                "What each 0.3 key became, or why it has no equivalent: " + REPORT_FILE + "."), m.site);
        Path siteFile = target.resolve(SITE_FILE);
        try {
            Files.createDirectories(target);
            Files.writeString(siteFile, text.yaml());
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot write " + siteFile + ": " + e.getMessage(), e);
        }
        for (Map.Entry<String, String> t : m.setupData.templates.entrySet()) {
            Path file = target.resolve(t.getKey());
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, t.getValue());
            } catch (IOException e) {
                throw MiniascapeException.failed("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
        List<String> errors = new ArrayList<>();
        for (Problem p : dataErrors) {
            errors.add(p.toString());
        }
        List<Problem> warnings = List.of();
        try {
            warnings = SiteLoader.loadFiles(List.of(siteFile.toString())).warnings();
        } catch (ConfigException e) {
            for (Problem p : e.problems()) {
                SourcePosition origin = p.at().line() >= 1 && p.at().line() <= text.origins().size()
                        ? text.origins().get(p.at().line() - 1) : null;
                errors.add(origin == null ? p.toString() : origin + ": error: " + p.message() + " (" + p.at() + ")");
            }
        }
        try {
            Files.writeString(target.resolve(REPORT_FILE), report(old, m, errors));
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot write " + target.resolve(REPORT_FILE) + ": " + e.getMessage(), e);
        }
        long none = m.report.stream().filter(r -> r.outcome().startsWith(Migration.NONE)).count();
        if (!errors.isEmpty()) {
            errors.forEach(err::println);
            err.printf("miniascape: %s written (%d keys without an equivalent: %s), with %d data %s of the 0.3 site%n",
                    siteFile, none, target.resolve(REPORT_FILE), errors.size(), errors.size() == 1 ? "error" : "errors");
            err.flush();
            return 2;
        }
        // What validate of the new site warns of (a guest nobody can log into ...), at the new site's lines.
        warnings.forEach(err::println);
        err.flush();
        out.printf("%s written; it validates (%d keys without an equivalent: %s)%n", siteFile, none,
                target.resolve(REPORT_FILE));
        out.flush();
        return 0;
    }

    static String report(Path old, Migration m, List<String> errors) {
        StringBuilder b = new StringBuilder("# Migration of the miniascape 0.3 site " + old + "\n\n");
        b.append("Each key of the 0.3 site as 0.3 read it (its files rendered with their includes, then merged), where\n"
                + "it was written, and what it became in `" + SITE_FILE + "`.\n\n");
        if (!errors.isEmpty()) {
            b.append("## Data errors of the 0.3 site\n\n");
            errors.forEach(e -> b.append("- `").append(e).append("`\n"));
            b.append('\n');
        }
        if (!m.booleans.isEmpty()) {
            b.append("## YAML 1.1 booleans\n\n0.3 read its files with PyYAML (YAML 1.1), which takes the plain words "
                    + "yes, no, on and off for booleans; this format is YAML 1.2, where they are strings. Each of "
                    + "them, and what it became:\n\n| 0.3 key | at | became |\n| --- | --- | --- |\n");
            m.booleans.stream().sorted(Comparator.comparing((Migration.Entry e) -> e.at().file())
                    .thenComparingInt(e -> e.at().line()).thenComparingInt(e -> e.at().column()))
                    .forEach(e -> b.append("| `").append(e.key()).append("` | ").append(e.at()).append(" | ")
                            .append(e.outcome().replace("|", "\\|")).append(" |\n"));
            b.append('\n');
        }
        if (!m.domains.isEmpty()) {
            b.append("## Domains 0.3 defined\n\n0.3 named each guest's libvirt domain `name_prefix` + its name (`"
                    + m.domains.get(0).old() + "`, `name_prefix` at " + m.domains.get(0).prefixAt() + "). Here a "
                    + "guest's libvirt domain is named after the guest, as its DNS name, its volumes and every command "
                    + "(`plan`, `up`, `status`, `ssh`, `console`) name it: a prefix such as `" + m.domains.get(0).prefix()
                    + "` cannot be part of a guest's name (one DNS label: letters, digits, '-'). To keep the guests 0.3 defined, "
                    + "rename each domain once, while it is shut off (`virsh domrename`, libvirt 1.2.19 or later); "
                    + "`plan` then finds it under the guest's name, and `up --adopt NAME` (or `--adopt-all`) takes it "
                    + "over (it has no miniascape mark). Its disks are the volumes virt-install made for 0.3 (in "
                    + "their pool, named after the old domain: `OLD.qcow2`, `OLD-1.qcow2`, ..., unless 0.3 gave `vol`),"
                    + " not the `GUEST-diskN.qcow2` this format names by default: give each disk its `volume` (`virsh "
                    + "domblklist OLD` lists them) before `up`, or the domain is redefined onto new, empty volumes."
                    + "\n\n```sh\n");
            for (Migration.Domain d : m.domains) {
                b.append("virsh -c qemu:///system domrename ").append(shellWord(d.old())).append(' ')
                        .append(shellWord(d.name())).append('\n');
            }
            b.append("```\n\n");
        }
        b.append("## Keys\n\n| 0.3 key | at | became |\n| --- | --- | --- |\n");
        m.report.stream().sorted(Comparator.comparing((Migration.Entry e) -> e.at().file())
                .thenComparingInt(e -> e.at().line()).thenComparingInt(e -> e.at().column()))
                .forEach(e -> b.append("| `").append(e.key()).append("` | ").append(e.at()).append(" | ")
                        .append(e.outcome().replace("|", "\\|")).append(" |\n"));
        return b.toString();
    }

    private static String shellWord(String w) {
        return w.matches("[A-Za-z0-9_.:+@/-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
    }

    private static boolean isEmptyDirectory(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
