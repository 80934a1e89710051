package org.miniascape.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.miniascape.libvirt.Action;
import org.miniascape.libvirt.Plan;
import org.miniascape.libvirt.PlanExecutor;
import org.miniascape.libvirt.Readiness;

/**
 * While a plan runs on a terminal: one line per guest, rewritten in place — its state ({@code defining},
 * {@code installing 42 %}, {@code booting}, {@code lease 198.51.100.11 on lan}, {@code ready in 2m13s},
 * {@code FAILED: …}) and the time since its first action began — and a last line counting the plan's actions.
 * Redrawn on every event and every second (the clocks move); the final frame stays on the screen.
 */
final class LiveProgress implements LibvirtOptions.Display {
    private static final String CLEAR_LINE = "\033[2K";

    /** A guest's line. */
    private static final class Row {
        final String guest;
        final int actions;
        int finished;
        String state = "waiting";
        long since = -1;
        long until = -1;

        Row(String guest, int actions) {
            this.guest = guest;
            this.actions = actions;
        }
    }

    private final PrintWriter err;
    private final int columns;
    private final LongSupplier clock;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final int total;
    private final int width;
    private final long begun;
    private int done;
    private int drawn;
    private ScheduledExecutorService ticker;

    /** {@code clock} in milliseconds; {@code columns} the terminal's width. */
    LiveProgress(PrintWriter err, int columns, Plan plan, LongSupplier clock) {
        this.err = err;
        this.columns = columns;
        this.clock = clock;
        Map<String, Integer> counts = new LinkedHashMap<>();
        int n = 0;
        for (Action a : plan.actions()) {
            if (!a.steps().isEmpty()) {
                n++;
                if (a.kind().ofGuest()) {
                    counts.merge(a.name(), 1, Integer::sum);
                }
            }
        }
        counts.forEach((g, c) -> rows.put(g, new Row(g, c)));
        this.total = n;
        this.width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        this.begun = clock.getAsLong();
    }

    /** A live display on {@code err}, redrawn every second until closed. */
    static LiveProgress start(PrintWriter err, int columns, Plan plan) {
        LiveProgress p = new LiveProgress(err, columns, plan, System::currentTimeMillis);
        p.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "miniascape-progress");
            t.setDaemon(true);
            return t;
        });
        p.ticker.scheduleAtFixedRate(p::draw, 0, 1, TimeUnit.SECONDS);
        return p;
    }


    @Override
    public synchronized void started(Action a) {
        Row r = rows.get(a.name());
        if (r == null || !a.kind().ofGuest()) {
            return;
        }
        if (r.since < 0) {
            r.since = clock.getAsLong();
        }
        r.state = switch (a.kind()) {
            case DOMAIN -> a.type() == Action.Type.DELETE ? "undefining" : "defining";
            case INSTALL -> "installing";
            case BOOT -> a.type() == Action.Type.DELETE ? "stopping" : "starting";
            default -> "booting";
        };
        draw();
    }

    @Override
    public synchronized void progress(Action a, String state) {
        Row r = rows.get(a.name());
        if (r != null && a.kind().ofGuest()) {
            // "lease 198.51.100.11 on lan after 12s": the clock beside it says when.
            r.state = state.replaceFirst(" after \\S+$", "").replaceFirst("; .*$", "");
            draw();
        }
    }

    @Override
    public synchronized void finished(PlanExecutor.Outcome o) {
        done++;
        Action a = o.action();
        Row r = rows.get(a.name());
        if (r != null && a.kind().ofGuest()) {
            r.finished++;
            if (o.status() == PlanExecutor.Status.FAILED) {
                r.state = "FAILED: " + o.error();
                r.until = clock.getAsLong();
            } else {
                switch (a.kind()) {
                    case DOMAIN -> r.state = a.type() == Action.Type.DELETE ? "undefined" : "defined";
                    case INSTALL -> r.state = "installed";
                    // Booting while its wait for ready is still to come.
                    case BOOT -> r.state = a.type() == Action.Type.DELETE ? "stopped"
                            : r.finished < r.actions ? "started, booting" : "started";
                    default -> { } // READY: its last progress, "ready in …", stays
                }
                if (r.finished == r.actions) {
                    r.until = clock.getAsLong();
                }
            }
        }
        draw();
    }

    /** The last frame, with what never started said so; stops the clock. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        for (Row r : rows.values()) {
            if (r.since < 0) {
                r.state = "not started";
            }
        }
        draw();
    }

    /** The lines of the display as they stand. */
    synchronized List<String> frame() {
        long now = clock.getAsLong();
        List<String> lines = new ArrayList<>();
        for (Row r : rows.values()) {
            String time = r.since < 0 ? "" : elapsed((r.until < 0 ? now : r.until) - r.since);
            lines.add(fit(String.format("%-" + width + "s  %7s  %s", r.guest, time, r.state)));
        }
        lines.add(fit(done + " of " + total + " actions done, " + elapsed(now - begun)));
        return lines;
    }

    private synchronized void draw() {
        StringBuilder sb = new StringBuilder();
        if (drawn > 0) {
            sb.append("\033[").append(drawn).append('F');
        }
        List<String> lines = frame();
        for (String l : lines) {
            sb.append(CLEAR_LINE).append(l).append('\n');
        }
        drawn = lines.size();
        err.print(sb);
        err.flush();
    }

    /** One terminal line: never wider than the terminal, which would wrap it and shift every later redraw. */
    private String fit(String line) {
        String flat = line.replaceAll("\\p{Cntrl}", " ");
        return flat.length() < columns ? flat : flat.substring(0, Math.max(0, columns - 2)) + "…";
    }

    private static String elapsed(long millis) {
        return Readiness.format(java.time.Duration.ofSeconds(millis / 1000));
    }
}
