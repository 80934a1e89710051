package org.miniascape.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.miniascape.config.YNode.Entry;
import org.miniascape.config.YNode.YList;
import org.miniascape.config.YNode.YMap;
import org.miniascape.config.YNode.YScalar;

/** Configuration trees as plain maps, lists and scalars, for templates. */
final class Plain {
    private Plain() {
    }

    static Map<String, Object> of(YMap map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Entry e : map.entries().values()) {
            out.put(e.key(), value(e.value()));
        }
        return out;
    }

    static Object value(YNode node) {
        if (node instanceof YMap m) {
            return of(m);
        }
        if (node instanceof YList l) {
            List<Object> items = new ArrayList<>();
            for (YNode i : l.items()) {
                items.add(value(i));
            }
            return items;
        }
        return ((YScalar) node).value();
    }
}
