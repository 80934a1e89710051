package org.miniascape.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.Node;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses each template text once. Jinjava parses the template on every render (the top-level one, and every
 * {@code include}d or {@code extends}-ed one), which is what made the older Python tool spend most of its time
 * recompiling. Every parse goes through {@link JinjavaInterpreter#parse(String)}, so an interpreter factory that
 * hands out interpreters with a caching {@code parse} covers them all.
 *
 * <p>Sharing a parsed tree is safe: rendering only reads the nodes (state lives in the interpreter and its
 * context), the tree depends only on the text and on the configuration, which is the same for every interpreter
 * of one {@link Templates}, and tags are looked up at parse time from the registry that never changes after
 * construction. A text whose parse reported errors is not cached, so that every render reports them.
 */
final class ParsedTemplateCache implements InterpreterFactory {
    /** Templates are files: a few hundred at most. Past this, texts are parsed but not kept. */
    static final int MAX_ENTRIES = 4096;

    private final Map<String, Node> trees = new ConcurrentHashMap<>();

    int size() {
        return trees.size();
    }

    @Override
    public JinjavaInterpreter newInstance(JinjavaInterpreter orig) {
        return new CachingInterpreter(orig, this);
    }

    @Override
    public JinjavaInterpreter newInstance(Jinjava application, Context context, JinjavaConfig renderConfig) {
        return new CachingInterpreter(application, context, renderConfig, this);
    }

    Node parse(String template, CachingInterpreter interpreter) {
        Node tree = trees.get(template);
        if (tree != null) {
            return tree;
        }
        int errorsBefore = interpreter.getErrorsCopy().size();
        tree = interpreter.parseUncached(template);
        if (interpreter.getErrorsCopy().size() == errorsBefore && trees.size() < MAX_ENTRIES) {
            trees.putIfAbsent(template, tree);
        }
        return tree;
    }

    static final class CachingInterpreter extends JinjavaInterpreter {
        private final ParsedTemplateCache cache;

        CachingInterpreter(Jinjava application, Context context, JinjavaConfig config, ParsedTemplateCache cache) {
            super(application, context, config);
            this.cache = cache;
        }

        CachingInterpreter(JinjavaInterpreter orig, ParsedTemplateCache cache) {
            super(orig);
            this.cache = cache;
        }

        @Override
        public Node parse(String template) {
            return cache.parse(template, this);
        }

        Node parseUncached(String template) {
            return super.parse(template);
        }
    }
}
