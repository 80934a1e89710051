package org.miniascape.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.miniascape.MiniascapeException;

/**
 * A value computed on a daemon thread of its own while the caller does other work: a command's start is
 * mostly class loading and cold code, and two independent parts of it (loading the site, starting the template
 * engine) can run on two cores. {@link #get()} gives the value or rethrows what the work threw.
 */
final class Background<T> {
    private final FutureTask<T> task;

    Background(String name, Callable<T> work) {
        this.task = new FutureTask<>(work);
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    T get() {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MiniascapeException.failed("interrupted", e);
        }
    }
}
