package org.miniascape.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MacAddressTest {

    @Test
    void writesLowerCaseColonSeparatedHex() {
        assertThat(new MacAddress(0x525400ab0c0fL)).hasToString("52:54:00:ab:0c:0f");
        assertThat(new MacAddress(0)).hasToString("00:00:00:00:00:00");
        assertThat(new MacAddress(0xffff_ffff_ffffL)).hasToString("ff:ff:ff:ff:ff:ff");
    }

    @Property
    void textIsTheFormattedOctetsAndParsesBack(@ForAll @LongRange(min = 0, max = 0xffff_ffff_ffffL) long bits) {
        MacAddress mac = new MacAddress(bits);
        StringBuilder expected = new StringBuilder();
        for (int shift = 40; shift >= 0; shift -= 8) {
            expected.append(expected.length() > 0 ? ":" : "")
                    .append(String.format(Locale.ROOT, "%02x", (bits >>> shift) & 0xff));
        }
        assertThat(mac).hasToString(expected.toString());
        assertThat(MacAddress.parse(mac.toString())).isEqualTo(mac);
    }
}
