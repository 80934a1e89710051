package org.miniascape.render;

import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.IncludeTag;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.util.HelperStringTokenizer;
import java.util.function.Function;

/**
 * Jinjava's {@code include}, but an error raised while rendering the included template (an undefined variable,
 * say) names that template's file and line; Jinjava itself reports only the including line with the bare message.
 * {@code locate} maps a template name to its location (override file path or embedded name), null if unknown.
 */
final class LocatingIncludeTag extends IncludeTag {
    private static final long serialVersionUID = 1L;

    private final transient Function<String, String> locate;

    /** Returns null for null (no template named) and for templates that do not exist. */
    LocatingIncludeTag(Function<String, String> locate) {
        this.locate = locate;
    }

    @Override
    public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
        String location = locate.apply(templateName(tagNode, interpreter));
        if (location == null) {
            return super.interpret(tagNode, interpreter); // reports the missing template at the include line
        }
        try {
            return super.interpret(tagNode, interpreter);
        } catch (IncludedTemplateException e) {
            throw e.includedFrom(location, tagNode);
        } catch (InterpretException e) {
            throw new IncludedTemplateException(location + ":" + Math.max(e.getLineNumber(), 1) + ": error: "
                    + e.getMessage(), e, tagNode);
        }
    }

    /** The include's template name resolved as IncludeTag does; null when the tag names none. */
    private static String templateName(TagNode tagNode, JinjavaInterpreter interpreter) {
        HelperStringTokenizer helper = new HelperStringTokenizer(tagNode.getHelpers());
        if (!helper.hasNext()) {
            return null;
        }
        String path = helper.next().trim();
        return interpreter.resolveResourceLocation(
                interpreter.resolveString(path, tagNode.getLineNumber(), tagNode.getStartPosition()));
    }

    /** An error inside an included template: the compiler-style report and the chain of includes. */
    static final class IncludedTemplateException extends InterpretException {
        private static final long serialVersionUID = 1L;
        private final String report;

        IncludedTemplateException(String report, Throwable cause, TagNode includeTag) {
            super(report, cause, includeTag.getLineNumber(), includeTag.getStartPosition());
            this.report = report;
        }

        IncludedTemplateException includedFrom(String includerLocation, TagNode includeTag) {
            return new IncludedTemplateException(report + "\n  included from " + includerLocation + ":"
                    + this.getLineNumber(), getCause(), includeTag);
        }

        String report() {
            return report;
        }
    }
}
