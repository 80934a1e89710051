package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.List;

/** A line diff (longest common subsequence): "  " unchanged, "- " only in the first, "+ " only in the second. */
public final class TextDiff {

    private TextDiff() {
    }

    /** Changed lines with up to {@code context} unchanged lines around them; empty when equal. */
    public static List<String> diff(List<String> a, List<String> b, int context) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> all = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                all.add("  " + a.get(i++));
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                all.add("- " + a.get(i++)); // a changed line: the old one first, as diff(1) shows it
            } else {
                all.add("+ " + b.get(j++));
            }
        }
        List<String> out = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            boolean near = false;
            for (int d = Math.max(0, k - context); d <= Math.min(all.size() - 1, k + context); d++) {
                near |= !all.get(d).startsWith("  ");
            }
            if (near) {
                out.add(all.get(k));
            }
        }
        return out;
    }
}
