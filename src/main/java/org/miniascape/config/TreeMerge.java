package org.miniascape.config;

import java.util.LinkedHashMap;
import org.miniascape.config.YNode.Entry;
import org.miniascape.config.YNode.YMap;

/**
 * Deep merge of configuration trees: mappings merge key by key, recursively; a later scalar or list replaces
 * the earlier one whole. Used for several -C files and for common &lt; group &lt; guest defaults.
 */
public final class TreeMerge {

    private TreeMerge() {
    }

    public static YNode merge(YNode base, YNode over) {
        if (base instanceof YMap b && over instanceof YMap o) {
            LinkedHashMap<String, Entry> merged = new LinkedHashMap<>(b.entries());
            for (Entry e : o.entries().values()) {
                Entry old = merged.get(e.key());
                merged.put(e.key(), old == null ? e : new Entry(e.key(), e.keyAt(), merge(old.value(), e.value())));
            }
            return new YMap(merged, o.at());
        }
        return over;
    }
}
