package org.miniascape.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.miniascape.pack.Bundler;

/** What repack and pack print: the files made, then notes on what was left out. */
final class BundleReport {
    private BundleReport() {
    }

    static void print(Bundler.Result result, PrintWriter out, PrintWriter err) {
        out.println("bundle: " + result.directory());
        result.archive().ifPresent(a -> out.println("archive: " + a));
        for (Path p : result.packages()) {
            out.println((p.getFileName().toString().endsWith(".src.rpm") ? "srpm: " : "rpm: ") + p);
        }
        for (String note : result.notes()) {
            err.println("miniascape: note: " + note);
        }
    }
}
