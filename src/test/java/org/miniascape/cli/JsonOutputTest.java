package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.miniascape.config.SiteLoader;
import org.miniascape.model.Site;
import org.miniascape.testing.Cli;
import org.miniascape.testing.TestDriver;
import picocli.CommandLine;

/**
 * Every command that has {@code --output json}, run in process with {@code -o json} against test-driver hosts, once
 * succeeding and once failing: stdout is exactly one JSON document in miniascape's envelope (docs/json.md), its
 * {@code ok} and {@code exit_code} those of the run, and the command's data fields there on success.
 */
class JsonOutputTest {
    static final Path SITE = Path.of("src/test/resources/apply/site.yml").toAbsolutePath();
    static final String UNREACHABLE = "test:///nonexistent/node.xml";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;
    Path guests;
    Site site;

    /** The files and hosts a case runs against. */
    record Fixture(Path dir, String site, String guests, Site model) {
        /** -C SITE -C GUESTS. */
        List<String> both() {
            return List.of("-C", site, "-C", guests);
        }

        /** A fresh host holding these objects. */
        String host(String... objects) {
            return TestDriver.uri(dir, objects);
        }

        String withNetworks() {
            return host(MarkedHost.networks(model));
        }

        String withGuest() {
            List<String> objects = new ArrayList<>(List.of(MarkedHost.networks(model)));
            objects.add(MarkedHost.domain(model, "mia-vm"));
            return host(objects.toArray(String[]::new));
        }
    }

    /** One run of a command: its arguments (without -o json) and the exit code it must have. */
    record Invocation(Function<Fixture, List<String>> args, int exit) {
    }

    /** A command, the data fields its success has beside the envelope's, and one success and one failure. */
    record Case(String command, List<String> data, Invocation success, Invocation failure) {
        @Override
        public String toString() {
            return command;
        }
    }

    static List<String> args(Object... parts) {
        List<String> all = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof List<?> l) {
                l.forEach(x -> all.add(x.toString()));
            } else {
                all.add(p.toString());
            }
        }
        return all;
    }

    static final List<String> APPLY = List.of("dry_run", "plan", "result");
    static final List<String> PLAN = List.of("dry_run", "plan");

    static Case apply(String command, Invocation success, Invocation failure) {
        return new Case(command, APPLY, success, failure);
    }

    static Invocation ok(Function<Fixture, List<String>> args) {
        return new Invocation(args, 0);
    }

    static Invocation fails(int exit, Function<Fixture, List<String>> args) {
        return new Invocation(args, exit);
    }

    static Stream<Case> cases() {
        return Stream.of(
            new Case("validate", List.of("site", "networks", "guests", "dhcp_reservations", "warnings"),
                ok(f -> args("validate", f.both())),
                fails(2, f -> args("validate", "-C", f.dir().resolve("bad.yml")))),
            new Case("build", List.of("site", "workdir", "files", "unchanged"),
                ok(f -> args("build", f.both(), "-w", f.dir().resolve("out"))),
                fails(2, f -> args("build", f.both(), "-w", f.dir().resolve("bad.yml")))),
            new Case("status", List.of("uri", "site", "guests", "networks", "pools"),
                ok(f -> args("status", f.both(), "--connect", f.withGuest())),
                fails(1, f -> args("status", f.both(), "--connect", UNREACHABLE))),
            new Case("plan", PLAN,
                ok(f -> args("plan", f.both(), "--connect", f.host())),
                fails(3, f -> args("plan", "-C", f.site(), "--connect",
                    f.host(MarkedHost.foreignNetworks(f.model()))))),
            apply("up",
                ok(f -> args("up", "-C", f.site(), "--connect", f.host())),
                fails(2, f -> args("up", "-C", f.dir().resolve("missing.yml"), "--connect", f.host()))),
            apply("down",
                ok(f -> args("down", "--yes", "-C", f.site(), "--connect", f.withNetworks())),
                fails(2, f -> args("down", "-C", f.site(), "--connect", f.withNetworks()))),
            apply("net register",
                ok(f -> args("net", "register", "mia-iso", "-C", f.site(), "--connect", f.host())),
                fails(3, f -> args("net", "register", "mia-nat", "-C", f.site(), "--connect",
                    f.host(MarkedHost.foreignNetworks(f.model()))))),
            apply("net unregister",
                ok(f -> args("net", "unregister", "mia-iso", "-C", f.site(), "--connect", f.withNetworks())),
                fails(2, f -> args("net", "unregister", "nope", "-C", f.site(), "--connect", f.withNetworks()))),
            apply("net update",
                ok(f -> args("net", "update", "mia-nat", "-C", f.site(), "--connect", f.withNetworks())),
                fails(1, f -> args("net", "update", "mia-nat", "-C", f.site(), "--connect", UNREACHABLE))),
            new Case("net list", List.of("uri", "site", "networks"),
                ok(f -> args("net", "list", "-C", f.site(), "--connect", f.withNetworks())),
                fails(1, f -> args("net", "list", "-C", f.site(), "--connect", UNREACHABLE))),
            new Case("net status", List.of("uri", "site", "network"),
                ok(f -> args("net", "status", "mia-nat", "-C", f.site(), "--connect", f.withNetworks())),
                fails(2, f -> args("net", "status", "nope", "-C", f.site(), "--connect", f.withNetworks()))),
            apply("storage register",
                ok(f -> args("storage", "register", f.both(), "--connect", f.host())),
                fails(1, f -> args("storage", "register", f.both(), "--connect", UNREACHABLE))),
            apply("storage unregister",
                ok(f -> args("storage", "unregister", f.both(), "--connect", f.host())),
                fails(1, f -> args("storage", "unregister", f.both(), "--connect", UNREACHABLE))),
            new Case("storage list", List.of("uri", "site", "pools", "volumes"),
                ok(f -> args("storage", "list", f.both(), "--connect", f.host())),
                fails(1, f -> args("storage", "list", f.both(), "--connect", UNREACHABLE))),
            apply("guest define",
                ok(f -> args("guest", "define", "mia-vm", f.both(), "--connect", f.host())),
                fails(2, f -> args("guest", "define", "nope", f.both(), "--connect", f.host()))),
            apply("guest start",
                ok(f -> args("guest", "start", "mia-vm", f.both(), "--connect", f.withGuest())),
                fails(3, f -> args("guest", "start", "mia-vm", f.both(), "--connect", f.host()))),
            apply("guest stop",
                ok(f -> args("guest", "stop", "mia-vm", f.both(), "--connect", f.withGuest())),
                fails(2, f -> args("guest", "stop", "nope", f.both(), "--connect", f.withGuest()))),
            apply("guest undefine",
                ok(f -> args("guest", "undefine", "mia-vm", f.both(), "--connect", f.withGuest())),
                fails(1, f -> args("guest", "undefine", "mia-vm", f.both(), "--connect", UNREACHABLE))),
            new Case("guest status", List.of("uri", "site", "guests"),
                ok(f -> args("guest", "status", "--all", f.both(), "--connect", f.withGuest())),
                fails(1, f -> args("guest", "status", "--all", f.both(), "--connect", UNREACHABLE))),
            apply("guest install",
                ok(f -> args("guest", "install", "mia-vm", f.both(), "--connect", f.host())),
                fails(2, f -> args("guest", "install", "nope", f.both(), "--connect", f.host()))));
    }

    @BeforeEach
    void files() throws Exception {
        guests = dir.resolve("guests.yml");
        Files.writeString(guests, Files.readString(Path.of("src/test/resources/status/guests.yml"))
                .replace("@POOL@", dir.resolve("pool").toString()));
        Files.createDirectories(dir.resolve("pool"));
        Files.writeString(dir.resolve("bad.yml"), "site: bad\nnetworks:\n  - name: n1\n    mode: sideways\n");
        site = SiteLoader.load(List.of(SITE.toString(), guests.toString()));
    }

    Fixture fixture() {
        return new Fixture(dir, SITE.toString(), guests.toString(), site);
    }

    Cli.Run json(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("-o", "json"));
        return Cli.run(Map.of(), dir, all.toArray(String[]::new));
    }

    /** Exactly one JSON document on stdout, an object in the envelope; returns it. */
    static JsonNode envelope(Cli.Run r, String command, int exit) throws Exception {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(exit);
        assertThat(r.out()).as("one document, then a newline").endsWith("}\n");
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(r.out())) {
            it.forEachRemaining(docs::add);
        }
        assertThat(docs).as(r.out()).hasSize(1);
        JsonNode doc = docs.get(0);
        assertThat(doc.isObject()).isTrue();
        List<String> keys = new ArrayList<>();
        doc.fieldNames().forEachRemaining(keys::add);
        assertThat(keys.subList(0, 4)).containsExactly("schema", "command", "ok", "exit_code");
        assertThat(keys.get(keys.size() - 1)).isEqualTo("error");
        assertThat(doc.get("schema").isTextual()).isTrue();
        assertThat(doc.get("schema").asText()).isEqualTo("miniascape/1");
        assertThat(doc.get("command").isTextual()).isTrue();
        assertThat(doc.get("command").asText()).isEqualTo(command);
        assertThat(doc.get("ok").isBoolean()).isTrue();
        assertThat(doc.get("exit_code").isInt()).isTrue();
        assertThat(doc.get("exit_code").asInt()).isEqualTo(exit);
        assertThat(doc.get("ok").asBoolean()).isEqualTo(exit == 0);
        JsonNode error = doc.get("error");
        if (exit == 0) {
            assertThat(error.isNull()).as(error.toString()).isTrue();
        } else {
            assertThat(error.isTextual()).as(error.toString()).isTrue();
            assertThat(error.asText()).isNotBlank().doesNotStartWith("miniascape:");
        }
        return doc;
    }

    static List<String> data(JsonNode doc) {
        List<String> keys = new ArrayList<>();
        doc.fieldNames().forEachRemaining(keys::add);
        return keys.subList(4, keys.size() - 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void successIsOneEnvelopeWithTheCommandsData(Case c) throws Exception {
        Cli.Run r = json(c.success().args().apply(fixture()));
        JsonNode doc = envelope(r, c.command(), c.success().exit());
        List<String> data = data(doc);
        if (c.data() == APPLY && !doc.has("result")) {
            // Nothing to change: the plan is all there is.
            assertThat(data).containsExactlyElementsOf(PLAN);
            assertThat(doc.get("plan").get("actions").findValuesAsText("action")).containsOnly("none");
        } else {
            assertThat(data).containsExactlyElementsOf(c.data());
        }
        if (c.data() == APPLY) {
            assertThat(doc.get("dry_run").isBoolean()).isTrue();
            assertThat(doc.get("plan").get("site").asText()).isEqualTo("applytest");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failureIsOneEnvelopeToo(Case c) throws Exception {
        Cli.Run r = json(c.failure().args().apply(fixture()));
        JsonNode doc = envelope(r, c.command(), c.failure().exit());
        // Stderr says the same (several refusals are one error, joined by "; ").
        assertThat(r.err()).contains(doc.get("error").asText().split("; ")[0]);
    }

    @Test
    void everyCommandWithJsonOutputIsCovered() {
        CommandLine cli = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "--help");
        TreeSet<String> withJson = new TreeSet<>();
        collect(cli, withJson);
        assertThat(withJson).isEqualTo(new TreeSet<>(cases().map(Case::command).toList()));
    }

    private static void collect(CommandLine cli, TreeSet<String> withJson) {
        if (PlanReport.json(cli.getCommandSpec(), "-o", "json")) {
            withJson.add(PlanReport.command(cli.getCommandSpec()));
        }
        cli.getSubcommands().values().forEach(sub -> collect(sub, withJson));
    }

    @Test
    void aConfigurationsProblemsAreListedOneByOne() throws Exception {
        Cli.Run r = json(args("validate", "-C", dir.resolve("bad.yml")));
        JsonNode doc = envelope(r, "validate", 2);
        assertThat(doc.get("error").asText()).isEqualTo("2 errors in the configuration; nothing was written");
        JsonNode problems = doc.get("problems");
        assertThat(problems.isArray()).isTrue();
        assertThat(problems.size()).isEqualTo(2);
        JsonNode p = problems.get(1);
        assertThat(p.get("file").asText()).isEqualTo(dir.resolve("bad.yml").toString());
        assertThat(p.get("line").asInt()).isEqualTo(4);
        assertThat(p.get("column").asInt()).isEqualTo(11);
        assertThat(p.get("message").asText()).contains("not 'sideways'");
        for (JsonNode each : problems) {
            assertThat(r.err()).contains(each.get("file").asText() + ":" + each.get("line").asInt() + ":"
                    + each.get("column").asInt() + ": error: " + each.get("message").asText() + "\n");
        }
    }

    @Test
    void warningsAreListedOneByOneOnSuccessAndFailure() throws Exception {
        String noWayIn = "  - name: locked\n    disks: [{size: 4}]\n"
                + "    install: {method: cloud-init, image: /srv/cloud.img}\n";
        Path warned = dir.resolve("warned.yml");
        Files.writeString(warned, "site: warned\nguests:\n" + noWayIn);
        Cli.Run ok = json(args("validate", "-C", warned));
        JsonNode doc = envelope(ok, "validate", 0);
        JsonNode warnings = doc.get("warnings");
        assertThat(warnings.size()).isEqualTo(1);
        assertThat(warnings.get(0).get("line").asInt()).isEqualTo(3);
        assertThat(warnings.get(0).get("column").asInt()).isEqualTo(5);
        assertThat(warnings.get(0).get("message").asText()).contains("guest 'locked'").contains("no way in");
        assertThat(ok.err()).contains(warned + ":3:5: warning: " + warnings.get(0).get("message").asText());

        Path both = dir.resolve("both.yml");
        // an error found by the same checks as the warning (those after the model is resolved)
        Files.writeString(both, "site: both\nguests:\n" + noWayIn + "    post_script: \"if then\"\n");
        JsonNode failed = envelope(json(args("validate", "-C", both)), "validate", 2);
        assertThat(failed.get("problems").size()).isEqualTo(1);
        assertThat(failed.get("warnings").size()).isEqualTo(1);
        assertThat(failed.get("warnings").get(0).get("message").asText()).contains("no way in");
    }

    @Test
    void aUsageErrorIsAnEnvelopeWithExit2() throws Exception {
        for (List<String> args : List.of(args("validate", "--bogus"), args("net", "list", "--connect"),
                args("status", "--output=json", "--bogus"))) {
            Cli.Run r = json(args);
            String command = args.get(0).equals("net") ? "net list" : args.get(0);
            JsonNode doc = envelope(r, command, 2);
            assertThat(r.err()).startsWith("miniascape: error: ");
            assertThat(doc.get("error").asText()).isNotEmpty();
        }
        // Text output: no document.
        Cli.Run text = Cli.run(Map.of(), dir, "validate", "--bogus");
        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.out()).isEmpty();
    }

    @Test
    void aPlanWithChangesUnderDetailedExitcodeIsNotOk() throws Exception {
        Cli.Run r = json(args("plan", "--detailed-exitcode", "-C", SITE, "--connect", TestDriver.uri(dir)));
        JsonNode doc = envelope(r, "plan", 2);
        assertThat(doc.get("error").asText()).isEqualTo("the plan has changes (--detailed-exitcode)");
        assertThat(doc.get("plan").get("counts").get("create").asInt()).isEqualTo(2);
        // Without it, the same plan is a success.
        Cli.Run plain = json(args("plan", "-C", SITE, "--connect", TestDriver.uri(dir)));
        assertThat(envelope(plain, "plan", 0).get("plan")).isEqualTo(doc.get("plan"));
    }

    @Test
    void theValuesAreSpelledAsInText() throws Exception {
        String uri = fixture().withGuest();
        JsonNode status = envelope(json(args("status", fixture().both(), "--connect", uri)), "status", 0);
        Cli.Run text = Cli.run(Map.of(), dir, args("status", fixture().both(), "--connect", uri)
                .toArray(String[]::new));
        assertThat(text.out()).contains("mia-vm    " + status.get("guests").get(0).get("state").asText());
        JsonNode build = envelope(json(args("build", fixture().both(), "-w", dir.resolve("out"))), "build", 0);
        Cli.Run again = Cli.run(Map.of(), dir, args("build", fixture().both(), "-w", dir.resolve("out"))
                .toArray(String[]::new));
        assertThat(again.out()).isEqualTo("built site " + build.get("site").asText() + " into " + dir.resolve("out")
                + ": " + build.get("files").asInt() + " files, all unchanged (the directory was left as it was)\n");
        assertThat(build.get("unchanged").asBoolean()).isFalse();
    }
}
