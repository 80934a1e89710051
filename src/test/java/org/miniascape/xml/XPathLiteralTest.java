package org.miniascape.xml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XPathLiteralTest {

    @Test
    void singleQuotedUnlessTheValueHoldsOne() {
        assertThat(XPathLiteral.of("web")).isEqualTo("'web'");
        assertThat(XPathLiteral.of("")).isEqualTo("''");
        assertThat(XPathLiteral.of("o'brien")).isEqualTo("\"o'brien\"");
    }

    @Test
    void bothQuoteKindsAreJoinedWithConcat() {
        assertThat(XPathLiteral.of("a'b\"c")).isEqualTo("concat('a', \"'\", 'b\"c')");
        assertThat(XPathLiteral.of("'\"")).isEqualTo("concat('', \"'\", '\"')");
    }
}
