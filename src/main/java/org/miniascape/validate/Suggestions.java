package org.miniascape.validate;

import java.util.Collection;
import java.util.Comparator;

/** "did you mean" hints for misspelt keys, choices and names. */
public final class Suggestions {

    private Suggestions() {
    }

    /** " (did you mean 'x'?)" for the closest choice within a small edit distance, else "". */
    public static String didYouMean(String word, Collection<String> choices) {
        return choices.stream()
                .filter(c -> distance(word, c) <= Math.max(1, Math.min(2, c.length() / 3)))
                .min(Comparator.comparingInt((String c) -> distance(word, c)).thenComparing(c -> c))
                .map(c -> " (did you mean '" + c + "'?)")
                .orElse("");
    }

    /** Edit distance where an adjacent transposition ("netwrok") counts as one edit. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
