package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.testing.Zsh;
import picocli.CommandLine;

/** The man pages and the bash and zsh completion the build generates from the command model. */
class DocsTest {
    static final Path ROOT = Paths.get("").toAbsolutePath();

    @TempDir
    static Path dir;
    static Path man;
    static Path completion;

    @BeforeAll
    static void generate() throws IOException {
        man = dir.resolve("man");
        completion = dir.resolve("completion");
        Docs.write(man, completion, ROOT.resolve("src/main/man/miniascape-site.5"));
    }

    record Result(int code, String out, String err) {
    }

    static Result run(Map<String, String> env, String... argv) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        return new Result(code, out, Files.readString(err));
    }

    private static List<String> pageFiles() throws IOException {
        try (Stream<Path> s = Files.list(man)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void everyCommandHasItsPageAndTheConfigurationFormatHasSection5() throws IOException {
        List<String> expected = new ArrayList<>();
        for (CommandLine c : ManPages.commands(Docs.tree())) {
            expected.add(c.getCommandSpec().qualifiedName("-") + ".1");
        }
        expected.add("miniascape-site.5");
        assertThat(expected).hasSizeGreaterThan(25).contains("miniascape.1", "miniascape-up.1",
                "miniascape-net-register.1", "miniascape-guest-define.1", "miniascape-storage-list.1");
        assertThat(pageFiles()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyPageRendersWithManWithoutWarnings() throws Exception {
        for (String page : pageFiles()) {
            Result r = run(Map.of("MANWIDTH", "80", "LC_ALL", "C.UTF-8"),
                    "man", "--warnings", "-E", "UTF-8", "-l", man.resolve(page).toString());
            assertThat(r.err()).as(page).isEmpty();
            assertThat(r.code()).as(page).isZero();
            String name = page.substring(0, page.lastIndexOf('.'));
            assertThat(r.out()).as(page).contains("NAME", "SYNOPSIS", "DESCRIPTION", "SEE ALSO")
                    .containsPattern("NAME\\s+\\Q" + name + "\\E\\s+-\\s+\\S")
                    // picocli's placeholders and format escapes are all filled in
                    .doesNotContain("${", "%n", "\\f", "\\-");
        }
    }

    @Test
    void thePagesHoldTheModelsOptionsSubcommandsAndExitCodes() throws Exception {
        String up = render("miniascape-up.1");
        assertThat(up).contains("miniascape up [", "--adopt=NAME", "--dry-run", "-c, --connect=URI",
                "Plan the whole site as 'plan' does", "miniascape(1)", "miniascape-site(5)");
        String top = render("miniascape.1");
        assertThat(top).contains("EXIT STATUS", "internal error", "ENVIRONMENT", "MINIASCAPE_SITE",
                "miniascape-net(1)");
        String net = render("miniascape-net.1");
        assertThat(net).contains("COMMANDS", "register", "miniascape-net-register(1)");
        String register = render("miniascape-net-register.1");
        assertThat(register).contains("miniascape net register", "--force", "SEE ALSO", "miniascape-net(1)");
        String build = render("miniascape-build.1");
        assertThat(build).contains("-w, --workdir=WORKDIR", "(default: out)");
        String site = render("miniascape-site.5");
        assertThat(site).contains("MINIASCAPE-SITE(5)", "TOP-LEVEL KEYS", "NETWORK KEYS", "GUEST KEYS",
                "EXAMPLE", "dhcp_backend").doesNotContain("@VERSION@");
    }

    private static String render(String page) throws Exception {
        return run(Map.of("MANWIDTH", "200", "LC_ALL", "C.UTF-8"), "man", "-E", "UTF-8", "-l",
                man.resolve(page).toString()).out();
    }

    /** What bash completion offers for a command line (the last word being completed). */
    static List<String> complete(String... words) throws Exception {
        Path script = completion.resolve(Docs.BASH_COMPLETION);
        String quoted = Arrays.stream(words).map(w -> "'" + w + "'").collect(Collectors.joining(" "));
        String probe = "source '" + script + "'\n"
                + "COMP_WORDS=(" + quoted + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_miniascape miniascape\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Result r = run(Map.of(), "bash", "--norc", "--noprofile", "-c", probe);
        assertThat(r.code()).as(r.err()).isZero();
        return r.out().lines().map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    @Test
    void theBashCompletionParsesAndCompletesCommandsAndOptions() throws Exception {
        Path script = completion.resolve(Docs.BASH_COMPLETION);
        Result syntax = run(Map.of(), "bash", "-n", script.toString());
        assertThat(syntax.code()).as(syntax.err()).isZero();
        assertThat(syntax.err()).isEmpty();
        assertThat(complete("miniascape", "n")).containsExactly("net");
        assertThat(complete("miniascape", "")).contains("build", "validate", "net", "up", "down", "pack");
        assertThat(complete("miniascape", "net", "r")).containsExactly("register");
        assertThat(new TreeSet<>(complete("miniascape", "up", "--ad"))).containsExactly("--adopt", "--adopt-all");
    }

    @Test
    void theZshCompletionIsACompdefFileThatCompletesInZsh() throws Exception {
        Path file = completion.resolve(Docs.ZSH_COMPLETION);
        String text = Files.readString(file);
        assertThat(text).startsWith("#compdef miniascape\n").contains("bashcompinit")
                .contains(Files.readString(completion.resolve(Docs.BASH_COMPLETION)).replaceFirst("^#!.*\n", ""));
        Assumptions.assumeTrue(Zsh.available(), "zsh with zsh/zpty is not installed (.ci/run installs it)");
        Result syntax = run(Map.of(), "zsh", "-n", file.toString());
        assertThat(syntax.code()).as(syntax.err()).isZero();
        // The first completion loads _miniascape; the later ones use the functions it registered.
        assertThat(Zsh.complete(completion, dir.resolve("zsh"), "miniascape sh", "miniascape show def",
                "miniascape --vers", "miniascape net reg", "miniascape up --adopt-a")).containsExactly(
                "miniascape show ", "miniascape show default-site ", "miniascape --version ",
                "miniascape net register ", "miniascape up --adopt-all ");
        // Without the file on the function path, nothing completes: the test sees the file's work.
        assertThat(Zsh.complete(Files.createDirectories(dir.resolve("empty")), dir.resolve("zsh-none"),
                "miniascape sh")).containsExactly("miniascape sh");
    }

    /** The generated files are the same from one run to the next (the build's outputs are reproducible). */
    @Test
    void generationIsDeterministic(@TempDir Path again) throws IOException {
        Docs.write(again.resolve("man"), again.resolve("completion"), ROOT.resolve("src/main/man/miniascape-site.5"));
        for (String page : pageFiles()) {
            assertThat(Files.readString(again.resolve("man").resolve(page))).as(page)
                    .isEqualTo(Files.readString(man.resolve(page)));
        }
        for (String script : List.of(Docs.BASH_COMPLETION, Docs.ZSH_COMPLETION)) {
            assertThat(Files.readString(again.resolve("completion").resolve(script)))
                    .isEqualTo(Files.readString(completion.resolve(script)));
        }
    }
}
