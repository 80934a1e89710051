package org.miniascape.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.miniascape.MiniascapeException;
import org.miniascape.libvirt.Action;
import org.miniascape.libvirt.Plan;
import org.miniascape.libvirt.PlanExecutor;
import org.miniascape.validate.ConfigException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Prints plans and what became of them: in text, one line per object with its sign ({@code + ~ -/+ - = !}),
 * the diff under it, then a summary line; in JSON, one document in miniascape's envelope
 * ({@code schema, command, ok, exit_code, …, error}).
 */
final class PlanReport {
    static final String SCHEMA = "miniascape/1";

    /** Made on first use: Jackson's start was a tenth of a text-output 'net update' (apply runs print text). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private PlanReport() {
    }

    /** One line per action, its diff indented under it, then the summary. */
    static void text(Plan plan, PrintWriter out) {
        for (Action a : plan.actions()) {
            out.println(line(a));
            for (String d : a.diff()) {
                out.println("    " + d);
            }
        }
        out.println(plan.summary());
    }

    static String line(Action a) {
        return a.type().sign() + " " + a.kind().word() + " " + a.where() + ": " + word(a)
                + (a.reason().isEmpty() ? "" : " (" + a.reason() + ")");
    }

    /** What was done: every action that did or should have changed something, then a summary line. */
    static void text(PlanExecutor.Result result, PrintWriter out) {
        for (PlanExecutor.Outcome o : result.outcomes()) {
            Action a = o.action();
            switch (o.status()) {
                case DONE -> out.println(a.kind().word() + " " + a.where() + ": " + (a.kind() == Action.Kind.READY
                        ? "ready in " + seconds(o.millis()) : a.type().done())
                        + " (" + String.join(", ", o.stepsDone()) + ")");
                case FAILED -> out.println(a.kind().word() + " " + a.where() + ": FAILED" + (o.stepsDone().isEmpty()
                        ? "" : " after " + String.join(", ", o.stepsDone())) + ": " + o.error());
                case NOT_STARTED -> out.println(a.kind().word() + " " + a.where() + ": not started (" + o.error()
                        + ")");
                case UNCHANGED -> {
                }
            }
        }
        out.println(summary(result));
    }

    /** A guest to wait for is not something added: its word is "wait". */
    private static String word(Action a) {
        return a.kind() == Action.Kind.READY && a.type() == Action.Type.CREATE ? "wait" : a.type().word();
    }

    private static String seconds(long millis) {
        return org.miniascape.libvirt.Readiness.format(java.time.Duration.ofSeconds(Math.round(millis / 1000.0)));
    }

    static String summary(PlanExecutor.Result result) {
        long ready = result.outcomes().stream().filter(o -> o.status() == PlanExecutor.Status.DONE
                && o.action().kind() == Action.Kind.READY).count();
        long done = result.count(PlanExecutor.Status.DONE) - ready;
        String s = "Applied: " + done + (done == 1 ? " change" : " changes");
        if (ready > 0) {
            s += "; " + ready + (ready == 1 ? " guest" : " guests") + " ready";
        }
        if (!result.ok()) {
            s += "; " + result.count(PlanExecutor.Status.FAILED) + " failed, "
                    + result.count(PlanExecutor.Status.NOT_STARTED) + " not started (run the same command again"
                    + " once the cause is fixed: it continues from here)";
        }
        return s;
    }

    /** The envelope around a command's data. */
    static Map<String, Object> envelope(String command, boolean ok, int exitCode) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", SCHEMA);
        doc.put("command", command);
        doc.put("ok", ok);
        doc.put("exit_code", exitCode);
        return doc;
    }

    static Map<String, Object> planJson(Plan plan) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("uri", plan.uri());
        p.put("site", plan.site());
        p.put("summary", plan.summary());
        Map<String, Object> counts = new LinkedHashMap<>();
        plan.counts().forEach((t, n) -> counts.put(t.key(), n));
        p.put("counts", counts);
        p.put("actions", plan.actions().stream().map(PlanReport::actionJson).toList());
        return p;
    }

    private static Map<String, Object> actionJson(Action a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("kind", a.kind().word());
        m.put("name", a.name());
        if (!a.host().isEmpty()) {
            m.put("host", a.host()); // a site over several hosts only: single-host documents are as they were
        }
        m.put("action", a.type().key());
        m.put("reason", a.reason());
        m.put("diff", a.diff());
        m.put("depends_on", a.dependsOn());
        m.put("steps", a.steps().stream().map(s -> s.text()).toList());
        return m;
    }

    /** What became of each action, then of each guest the plan touched ({@link GuestReport}). */
    static Map<String, Object> resultJson(PlanExecutor.Result result, org.miniascape.model.Site site) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("summary", summary(result));
        r.put("actions", result.outcomes().stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", o.action().id());
            m.put("status", o.status().key());
            m.put("steps_done", o.stepsDone());
            m.put("started_at", o.startedAt());
            m.put("millis", o.millis());
            m.put("error", o.error().isEmpty() ? null : o.error());
            return m;
        }).toList());
        r.put("guests", GuestReport.of(site, result).stream().map(GuestReport::json).toList());
        return r;
    }

    /**
     * A failure's document: the envelope with the exit code and the error (the message as stderr has it, without
     * its {@code miniascape: error: } prefix); for a configuration's problems the count, the problems one by one under
     * {@code problems}.
     * Anything but a {@link MiniascapeException} is an internal error (exit 4).
     */
    static String failure(String command, Throwable e) {
        int code = e instanceof MiniascapeException me ? me.exitCode() : ExitCode.INTERNAL;
        Map<String, Object> doc = envelope(command, false, code);
        if (e instanceof ConfigException ce) {
            doc.put("problems", problems(ce.problems()));
            if (!ce.warnings().isEmpty()) {
                doc.put("warnings", problems(ce.warnings()));
            }
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof ConfigException) {
            message = message.substring(message.lastIndexOf('\n') + 1); // the count: the problems are above
        }
        doc.put("error", e instanceof MiniascapeException ? message.replaceFirst("^miniascape: (error: )?", "")
                : "internal error: " + e);
        return toJson(doc);
    }

    /** A command's name as the envelope gives it: {@code validate}, {@code net list}, {@code guest start}. */
    static String command(CommandSpec spec) {
        return spec.qualifiedName(" ").replaceFirst("^miniascape ", "");
    }

    /**
     * Whether the command was told {@code --output json}: its {@code -o}/{@code --output} option, when it has one
     * of that kind, holds JSON ({@code args} are read instead when given: a usage error can come before the
     * option is parsed).
     */
    static boolean json(CommandSpec spec, String... args) {
        OptionSpec o = spec.findOption("--output");
        if (o == null || o.type() != LibvirtOptions.Output.class) {
            return false;
        }
        if (args.length == 0) {
            return o.getValue() == LibvirtOptions.Output.JSON;
        }
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            if ((a.equals("-o") || a.equals("--output")) && i + 1 < args.length) {
                value = args[++i];
            } else if (a.startsWith("--output=")) {
                value = a.substring("--output=".length());
            } else if (a.startsWith("-o") && a.length() > 2 && !a.startsWith("-o-")) {
                value = a.substring(a.charAt(2) == '=' ? 3 : 2);
            }
            if (value != null) {
                json = value.equalsIgnoreCase("json"); // the last one given wins, as in picocli
            }
        }
        return json;
    }

    /** What a command that reads prints once it has its data: with --output json, the data go into {@code doc}. */
    interface Data {
        /** Prints the text, or (json) puts the command's data into {@code doc}; returns the exit code. */
        int report(Map<String, Object> doc);
    }

    /**
     * Runs a command's reporting: text as {@code data} prints it, or one JSON document, the envelope with the data
     * and {@code "error": null} (a failure's document is printed by {@link Main}, for every command alike).
     */
    static int print(CommandSpec spec, boolean json, Data data) {
        Map<String, Object> doc = envelope(command(spec), true, ExitCode.OK);
        int code = data.report(doc);
        if (json) {
            finish(doc, code, code == ExitCode.OK ? null : "exit " + code);
            spec.commandLine().getOut().println(toJson(doc));
        }
        spec.commandLine().getOut().flush();
        return code;
    }

    /** Sets ok and exit_code from {@code code}, and puts the error last. */
    static void finish(Map<String, Object> doc, int code, String error) {
        doc.put("ok", code == ExitCode.OK);
        doc.put("exit_code", code);
        doc.remove("error");
        doc.put("error", error);
    }

    static String toJson(Object doc) {
        try {
            return Json.MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw MiniascapeException.failed("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static List<String> refusals(Plan plan) {
        return plan.refused().stream().map(a -> a.kind().word() + " " + a.where() + ": " + a.reason()).toList();
    }

    /** Problems (errors or warnings) as JSON: {@code [{"file", "line", "column", "message"}]}. */
    static List<Map<String, Object>> problems(List<org.miniascape.validate.Problem> problems) {
        return problems.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", p.at().file());
            m.put("line", p.at().line());
            m.put("column", p.at().column());
            m.put("message", p.message());
            return m;
        }).toList();
    }
}
