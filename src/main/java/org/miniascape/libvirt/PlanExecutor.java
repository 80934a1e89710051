package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.miniascape.MiniascapeException;

/**
 * Carries out exactly a {@link Plan}, and nothing else: each action's steps in order, an action once every
 * action it depends on is done, independent ones side by side (at most {@code parallel} at a time; calls on one
 * connection are serialized by the {@link Hypervisor} itself). A failed action stops its dependents, which are
 * reported as not started; independent actions still finish. Running the same command again plans anew from
 * what the host then holds, so it continues where this run stopped.
 */
public final class PlanExecutor {

    /** What became of one action. */
    public enum Status {
        DONE, FAILED, NOT_STARTED,
        /** A none action: nothing to do. */
        UNCHANGED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One action's outcome: the steps done, and for a failure the error (for not started: why); {@code millis}
     * from its start to its end (0 for an action not run).
     */
    public record Outcome(Action action, Status status, List<String> stepsDone, String error, long startedAt,
                          long millis) {
        public Outcome {
            stepsDone = List.copyOf(stepsDone);
        }

        /** An action that did not run: nothing to do, or not started ({@code startedAt} and {@code millis} 0). */
        public Outcome(Action action, Status status, List<String> stepsDone, String error) {
            this(action, status, stepsDone, error, 0, 0);
        }
    }

    /**
     * Told of each action as it starts, of what its long steps reach on the way (a guest's lease, "ready in
     * 2m13s"), and of its outcome; called from the executor's threads.
     */
    public interface Listener {
        default void started(Action action) {
        }

        default void progress(Action action, String state) {
        }

        default void finished(Outcome outcome) {
        }

        Listener NONE = new Listener() {
        };
    }

    /** Every action's outcome, in the plan's order. */
    public record Result(Plan plan, List<Outcome> outcomes) {
        public Result {
            outcomes = List.copyOf(outcomes);
        }

        public long count(Status status) {
            return outcomes.stream().filter(o -> o.status() == status).count();
        }

        public boolean ok() {
            return count(Status.FAILED) == 0 && count(Status.NOT_STARTED) == 0;
        }

        /** The first failure's exit code (1 when none says otherwise). */
        public int exitCode() {
            return ok() ? 0 : 1;
        }
    }

    /** The connection of each host, by the host's name ("" for a site on one host). */
    private final Map<String, Hypervisor> hosts;
    private final int parallel;
    private final Listener listener;
    /** When {@link #execute} began (System.nanoTime): an outcome's {@code startedAt} counts from it. */
    private volatile long began;

    public PlanExecutor(Hypervisor hv, int parallel) {
        this(hv, parallel, Listener.NONE);
    }

    public PlanExecutor(Hypervisor hv, int parallel, Listener listener) {
        this(Map.of("", hv), parallel, listener);
    }

    /**
     * For a plan over several hosts: each action runs against the connection of its {@link Action#host()}. A host
     * missing from {@code hosts} (its daemon could not be reached) has only actions that need none: they fail.
     */
    public PlanExecutor(Map<String, Hypervisor> hosts, int parallel, Listener listener) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1");
        }
        this.hosts = Map.copyOf(hosts);
        this.parallel = parallel;
        this.listener = listener;
    }

    /** Runs the plan. A plan with a refused action is never run: the caller reports it (exit 3). */
    public Result execute(Plan plan) {
        if (!plan.refused().isEmpty()) {
            throw new IllegalStateException("a plan with refused actions is not executed");
        }
        began = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "miniascape-apply");
            t.setDaemon(true);
            return t;
        });
        // Waiting for a guest to be ready is no work for libvirt: every wait gets a thread of its own, so that all
        // guests are waited for from the moment they are started, and --parallel bounds only the changes.
        ExecutorService waits = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "miniascape-wait");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, CompletableFuture<Outcome>> futures = new LinkedHashMap<>();
            for (Action a : plan.actions()) {
                List<CompletableFuture<Outcome>> deps = a.dependsOn().stream().map(futures::get)
                        .filter(f -> f != null).toList();
                CompletableFuture<Outcome> f = CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
                        .thenApplyAsync(v -> run(a, deps.stream().map(CompletableFuture::join).toList()),
                                a.kind() == Action.Kind.READY ? waits : pool);
                futures.put(a.id(), f);
            }
            List<Outcome> out = new ArrayList<>();
            for (CompletableFuture<Outcome> f : futures.values()) {
                try {
                    out.add(f.join());
                } catch (CompletionException e) {
                    // Not a MiniascapeException: a bug, reported as such by the caller.
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
            return new Result(plan, out);
        } finally {
            pool.shutdownNow();
            waits.shutdownNow();
        }
    }

    private Outcome run(Action a, List<Outcome> deps) {
        Outcome o = runSteps(a, deps);
        if (!a.steps().isEmpty() && o.status() != Status.NOT_STARTED) {
            listener.finished(o);
        }
        return o;
    }

    private Outcome runSteps(Action a, List<Outcome> deps) {
        for (Outcome d : deps) {
            if (d.status() == Status.FAILED || d.status() == Status.NOT_STARTED) {
                return new Outcome(a, Status.NOT_STARTED, List.of(), d.action().kind().word() + " "
                        + d.action().where() + (d.status() == Status.FAILED ? " failed" : " was not started"));
            }
        }
        if (a.steps().isEmpty()) {
            return new Outcome(a, Status.UNCHANGED, List.of(), "");
        }
        listener.started(a);
        long start = System.nanoTime();
        List<String> done = new ArrayList<>();
        Hypervisor hv = hosts.get(a.host());
        for (Step s : a.steps()) {
            try {
                s.run(hv, state -> listener.progress(a, state));
            } catch (MiniascapeException e) {
                return new Outcome(a, Status.FAILED, done, s.text() + ": "
                        + e.getMessage().replaceFirst("^miniascape: (error: )?", ""), (start - began) / 1_000_000,
                        millisSince(start));
            }
            done.add(s.text());
        }
        return new Outcome(a, Status.DONE, done, "", (start - began) / 1_000_000, millisSince(start));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
