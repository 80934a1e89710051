package org.miniascape.render.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;

/** DOT quoting: what Graphviz reads back from a quoted ID and label is the text, whatever it holds. */
class TopologyGeneratorTest {

    @Test
    void quotedStringsEscapeQuotesAndBackslashesAndKeepOneLine() {
        assertThat(TopologyGenerator.quote("net-1")).isEqualTo("\"net-1\"");
        assertThat(TopologyGenerator.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(TopologyGenerator.quote("x\ny")).isEqualTo("\"x y\"");
        assertThat(TopologyGenerator.quoteLines("a\"", "b\\n")).isEqualTo("\"a\\\"\\nb\\\\n\"");
    }

    @Test
    void dotReadsTheNamesBackAsTheyWere() {
        String hostile = "we\"ird\\N -- } name";
        String graph = "graph " + TopologyGenerator.quote(hostile) + " {\n    " + TopologyGenerator.quote(hostile)
                + " [label=" + TopologyGenerator.quoteLines(hostile, "second") + "];\n}\n";
        ExecResult r = new Executor().run(Command.of("dot", "-Tsvg").stdin(graph));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEmpty();
        // One node, labelled with the name and its second line as they were (SVG escapes the quote; no "\\N"
        // became the node's name); its title is the ID as written, where DOT keeps a backslash escaped.
        String escaped = "we&quot;ird\\N &#45;&#45; } name";
        assertThat(r.stdout()).contains(">" + escaped + "</text>", ">second</text>",
                "<title>" + escaped.replace("\\", "\\\\") + "</title>").containsOnlyOnce("class=\"node\"");
    }
}
