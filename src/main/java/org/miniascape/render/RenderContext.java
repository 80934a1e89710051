package org.miniascape.render;

import com.google.common.collect.SetMultimap;
import com.hubspot.jinjava.interpret.Context;
import java.util.Map;

/**
 * The context of one render, a child of the shared base context. Jinjava records every resolved expression,
 * value and function, and template dependencies, in the current context and in all its parents; its own render
 * entry clears those on the global context after each call. Here the parent is shared by every render, possibly
 * concurrent ones, so nothing may reach it: this context stops the recording (no one reads it — it serves
 * Jinjava's callers that ask what a render used — and it cost about a sixth of a render).
 */
final class RenderContext extends Context {

    RenderContext(Context base, Map<String, ?> variables) {
        super(base, variables);
    }

    @Override
    public void addResolvedExpression(String expression) {
        // not recorded: see the class comment
    }

    @Override
    public void addResolvedValue(String value) {
        // not recorded
    }

    @Override
    public void addResolvedFunction(String function) {
        // not recorded
    }

    @Override
    public void addResolvedFrom(Context context) {
        // not recorded
    }

    @Override
    public void addDependency(String type, String identification) {
        // not recorded
    }

    @Override
    public void addDependencies(SetMultimap<String, String> dependencies) {
        // not recorded
    }
}
