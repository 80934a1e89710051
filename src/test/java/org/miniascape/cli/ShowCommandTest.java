package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.render.Generators;
import org.miniascape.testing.Cli;

/** 'show': the embedded default site and templates, printed as the jar holds them. */
class ShowCommandTest {
    static final Path RESOURCES = Path.of("src/main/resources/org/miniascape");

    @TempDir
    Path dir;

    Cli.Run run(String... args) {
        return Cli.run(Map.of(), dir, args);
    }

    /** The templates of the source tree, as relative paths, sorted. */
    static List<String> sourceTemplates() throws Exception {
        Path root = RESOURCES.resolve("templates");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString()).sorted().toList();
        }
    }

    @Test
    void theDefaultSiteIsTheEmbeddedFileByteForByteAndValidatesAsIs() throws Exception {
        Cli.Run r = run("show", "default-site");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(Files.readString(RESOURCES.resolve("site/default.yml"), StandardCharsets.UTF_8));
        // The copy validates as it is, and as the same site as the embedded one (no ./miniascape.yml yet).
        Cli.Run embedded = run("validate");
        Path copy = dir.resolve("miniascape.yml");
        Files.writeString(copy, r.out());
        Cli.Run copied = run("validate", "-C", copy.toString());
        assertThat(copied.exitCode()).as(copied.err()).isZero();
        assertThat(copied.out()).isEqualTo(embedded.out()).startsWith("site ");
    }

    @Test
    void templatesListsEveryEmbeddedTemplateSorted() throws Exception {
        Cli.Run r = run("show", "templates");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> listed = r.out().lines().toList();
        assertThat(listed).isEqualTo(sourceTemplates()).isSorted()
                .containsAll(Generators.templateNames()).contains("pack/vm.spec.j2", "guest/ks.cfg.j2");
    }

    @Test
    void eachTemplateIsPrintedAsTheJarHoldsIt() throws Exception {
        for (String name : sourceTemplates()) {
            Cli.Run r = run("show", "template", name);
            assertThat(r.exitCode()).as(name + ": " + r.err()).isZero();
            assertThat(r.out()).as(name).isEqualTo(Files.readString(RESOURCES.resolve("templates").resolve(name),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void aCopiedTemplateOverridesTheEmbeddedOneForBuild() throws Exception {
        Path copy = dir.resolve("tpl/guest/ks.cfg.j2");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, run("show", "template", "guest/ks.cfg.j2").out() + "# edited copy\n");
        Cli.Run build = run("build", "-t", dir.resolve("tpl").toString(), "-w", dir.resolve("out").toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        try (Stream<Path> files = Files.walk(dir.resolve("out/guests"))) {
            List<Path> kickstarts = files.filter(f -> f.getFileName().toString().equals("ks.cfg")).toList();
            assertThat(kickstarts).isNotEmpty();
            for (Path ks : kickstarts) {
                assertThat(Files.readString(ks)).endsWith("# edited copy\n");
            }
        }
    }

    @Test
    void anUnknownPathIsExit2WithASuggestion() {
        Cli.Run noSuffix = run("show", "template", "guest/ks.cfg");
        assertThat(noSuffix.exitCode()).isEqualTo(2);
        assertThat(noSuffix.out()).isEmpty();
        assertThat(noSuffix.err()).isEqualTo("miniascape: error: no embedded template 'guest/ks.cfg' (did you mean"
                + " 'guest/ks.cfg.j2'?); 'miniascape show templates' lists them\n");
        Cli.Run fileName = run("show", "template", "user-data");
        assertThat(fileName.exitCode()).isEqualTo(2);
        assertThat(fileName.err()).contains("(did you mean 'guest/cloud-init/user-data.j2'?)");
        for (String bad : List.of("guest", "guest/", "../site/default.yml", "/etc/passwd", "nothing-like-it")) {
            Cli.Run r = run("show", "template", bad);
            assertThat(r.exitCode()).as(bad).isEqualTo(2);
            assertThat(r.out()).as(bad).isEmpty();
            assertThat(r.err()).as(bad).startsWith("miniascape: error: no embedded template '" + bad + "'")
                    .endsWith("; 'miniascape show templates' lists them\n");
        }
        assertThat(run("show", "template", "nothing-like-it").err()).doesNotContain("did you mean");
        Cli.Run missing = run("show", "template");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required parameter: 'PATH'");
    }

    @Test
    void showAloneListsItsSubcommands() {
        Cli.Run r = run("show");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("default-site", "templates", "template", "Examples:");
    }
}
