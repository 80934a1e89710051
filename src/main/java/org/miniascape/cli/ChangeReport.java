package org.miniascape.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.miniascape.MiniascapeException;
import org.miniascape.libvirt.ApplyResult;
import org.miniascape.libvirt.Change;

/** Prints an {@link ApplyResult}: one line per object and a summary, or one JSON document. */
final class ChangeReport {
    /** Made on first use: Jackson's start was a tenth of a text-output 'net update' (apply runs print text). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private ChangeReport() {
    }

    /** Prints the result and returns the exit code: 0, or 3 with the refusal on stderr. */
    static int print(ApplyResult result, LibvirtOptions options, PrintWriter out, PrintWriter err) {
        if (options.json()) {
            out.println(json(result));
        } else {
            for (Change c : result.changes()) {
                out.println(c.line(result.dryRun()));
                for (String d : c.diff()) {
                    out.println("    " + d);
                }
            }
            out.println(summary(result));
        }
        out.flush();
        if (result.refusal().isPresent()) {
            err.println("miniascape: " + result.refusal().get());
            err.flush();
            return ExitCode.HOST_STATE;
        }
        return ExitCode.OK;
    }

    static String summary(ApplyResult result) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Change c : result.changes()) {
            counts.merge(c.outcome().text(result.dryRun()), 1, Integer::sum);
        }
        StringBuilder s = new StringBuilder(result.dryRun() ? "dry run: " : "").append(result.changed())
                .append(result.changed() == 1 ? " change" : " changes");
        if (!counts.isEmpty()) {
            s.append(" (");
            String sep = "";
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                s.append(sep).append(e.getValue()).append(' ').append(e.getKey());
                sep = ", ";
            }
            s.append(')');
        }
        return s.toString();
    }

    static String json(ApplyResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dry_run", result.dryRun());
        doc.put("changed", result.changed());
        doc.put("changes", result.changes().stream().map(ChangeReport::entry).toList());
        result.refusal().ifPresent(r -> doc.put("refused", r));
        return toJson(doc);
    }

    /** The report of a run that failed: what was done before, and the error with its exit code. */
    static String failure(ApplyResult done, MiniascapeException e) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dry_run", done.dryRun());
        doc.put("changed", done.changed());
        doc.put("changes", done.changes().stream().map(ChangeReport::entry).toList());
        doc.put("error", e.getMessage().replaceFirst("^miniascape: (error: )?", ""));
        doc.put("exit_code", e.exitCode());
        return toJson(doc);
    }

    static String toJson(Object doc) {
        try {
            return Json.MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw MiniascapeException.failed("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> entry(Change c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", c.kind());
        m.put("name", c.name());
        m.put("action", c.outcome().name().toLowerCase(java.util.Locale.ROOT));
        m.put("detail", c.detail());
        if (!c.diff().isEmpty()) {
            m.put("diff", List.copyOf(c.diff()));
        }
        return m;
    }
}
