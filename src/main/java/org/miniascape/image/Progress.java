package org.miniascape.image;

import java.io.PrintWriter;

/**
 * Copy progress. On a terminal a one-line bar redrawn in place (at most every half percent); elsewhere
 * nothing, so logs and pipes stay clean.
 */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void start(String label, long total) {
        }

        @Override
        public void advance(long done) {
        }

        @Override
        public void finish() {
        }
    };

    void start(String label, long total);

    /** {@code done} bytes of {@code total} handled so far (holes count). */
    void advance(long done);

    void finish();

    /** A bar on {@code err} when the process has a terminal, otherwise {@link #NONE}. */
    static Progress forConsole(PrintWriter err) {
        return System.console() != null ? new Bar(err) : NONE;
    }

    /** The bar itself, also for tests that want to see it drawn. */
    final class Bar implements Progress {
        private static final int WIDTH = 30;
        private final PrintWriter out;
        private String label = "";
        private long total;
        private int lastPermille = -1;

        public Bar(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void start(String newLabel, long newTotal) {
            this.label = newLabel;
            this.total = newTotal;
            this.lastPermille = -1;
            advance(0);
        }

        @Override
        public void advance(long done) {
            int permille = total == 0 ? 1000 : (int) Math.min(1000, done * 1000 / total);
            if (permille - lastPermille < 5 && permille != 1000) {
                return;
            }
            if (permille == lastPermille) {
                return;
            }
            lastPermille = permille;
            int filled = permille * WIDTH / 1000;
            out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                    + String.format(java.util.Locale.ROOT, "%3d%%", permille / 10));
            out.flush();
        }

        @Override
        public void finish() {
            advance(total);
            out.println();
            out.flush();
        }
    }
}
