package org.miniascape.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;

/** {@link Shell#quote}: bash reads every quoted value back as exactly that value, and runs none of it. */
class ShellTest {

    /** What bash makes of the quoted word: printf writes its first argument back byte for byte. */
    static String throughBash(String value) {
        ExecResult r = new Executor().run(Command.of("bash", "-c", "printf '%s' " + Shell.quote(value)));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "with space", "it's", "'", "''", "$(touch /tmp/x)", "`id`", "a\nb", "*", "~",
        "-n", "\\", "\"", "${HOME}", "a;b|c&d", "ü日本\u2028", "!event", "#comment", "x=1", ""})
    void bashReadsTheValueBack(String value) {
        assertThat(throughBash(value)).isEqualTo(value);
    }

    @Property(tries = 150)
    void anyTextRoundTrips(@ForAll @StringLength(max = 40) @Chars({'\'', '"', '$', '`', '\\', '\n', ' ', '(', ')',
        ';', '&', '|', '*', '?', '~', '#', '!', '{', '}', '<', '>', 'é', '\u2028'}) @CharRange(from = 'a', to = 'e')
            String value) {
        assertThat(throughBash(value)).isEqualTo(value);
    }

    @Test
    void safeWordsStayUnquotedForReadableScripts() {
        assertThat(Shell.quote("net-1")).isEqualTo("net-1");
        assertThat(Shell.quote("/var/lib/libvirt/images/a.qcow2")).isEqualTo("/var/lib/libvirt/images/a.qcow2");
        assertThat(Shell.quote("a,b")).isEqualTo("'a,b'");
        assertThat(Shell.quote("")).isEqualTo("''");
        assertThat(Shell.quote("it's")).isEqualTo("'it'\\''s'");
    }

    @Test
    void nulCannotBePassed() {
        assertThatThrownBy(() -> Shell.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }
}
