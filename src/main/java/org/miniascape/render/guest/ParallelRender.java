package org.miniascape.render.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Guest;
import org.miniascape.render.Templates;

/**
 * Renders guests on several threads, each with a template engine of its own, and fails exactly as rendering
 * them one by one in configuration order would: with the error of the first guest in that order that fails.
 * Guests are taken in order from a shared counter; after a failure no new guest is started, but every guest
 * before it has been taken already, so the first failure in order is among those rendered.
 */
final class ParallelRender {
    private final List<Guest> guests;
    private final BiConsumer<Guest, Templates> render;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean failed = new AtomicBoolean();
    /** Written by the workers, one slot each; read after they are joined. */
    private final Throwable[] failures;
    /** A sibling engine that failed to start (a bug: the caller's own engine started). */
    private volatile Throwable engineFailure;

    ParallelRender(List<Guest> guests, BiConsumer<Guest, Templates> render) {
        this.guests = guests;
        this.render = render;
        this.failures = new Throwable[guests.size()];
    }

    /** Renders every guest on {@code workers} threads: the caller's with {@code templates}, others with siblings. */
    void run(Templates templates, int workers) {
        List<Thread> helpers = new ArrayList<>();
        for (int i = 1; i < workers; i++) {
            // The sibling engine starts on its own thread, while the caller is rendering already.
            Thread t = new Thread(() -> workWithSibling(templates), "miniascape-render-" + i);
            t.setDaemon(true);
            helpers.add(t);
            t.start();
        }
        work(templates);
        for (Thread t : helpers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.set(true);
                throw MiniascapeException.failed("rendering was interrupted", e);
            }
        }
        for (Throwable f : failures) {
            rethrow(f);
        }
        rethrow(engineFailure);
    }

    private static void rethrow(Throwable f) {
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    private void workWithSibling(Templates templates) {
        Templates own;
        try {
            own = templates.sibling();
        } catch (RuntimeException | Error e) {
            engineFailure = e;
            failed.set(true);
            return;
        }
        work(own);
    }

    private void work(Templates templates) {
        int i;
        while (!failed.get() && (i = next.getAndIncrement()) < guests.size()) {
            try {
                render.accept(guests.get(i), templates);
            } catch (RuntimeException | Error e) {
                failures[i] = e;
                failed.set(true);
            }
        }
    }
}
