package org.miniascape.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;

class Sha512CryptTest {

    /** The test vector of the specification ("Unix crypt using SHA-256 and SHA-512") that uses 5,000 rounds. */
    @Test
    void givesTheSpecificationsHash() {
        assertThat(Sha512Crypt.crypt(bytes("Hello world!"), "saltstring")).isEqualTo("$6$saltstring$svn8UoSVapNtMuq1u"
                + "kKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1");
    }

    /** From Python's crypt module on Debian 12 (libxcrypt: what crypt(3) and the installers use). */
    @Test
    void givesTheSameHashesAsTheSystemsCrypt() {
        assertThat(Sha512Crypt.crypt(bytes("Hello world!"), "saltstringsaltst")).isEqualTo("$6$saltstringsaltst$"
                + "e.3mR68CqZEpesEX1HlFZT6sEanSOjM/b5UoDyDo00a8syek2cJldMjrbtKP86.FJvzluVR7nc3DNzelAwTxj.");
        assertThat(Sha512Crypt.crypt(bytes(""), "x")).isEqualTo("$6$x$QSmr1Bx2g4O6BzKvdkgOcyU6H91X6I/XBv5pSalMhSPkw"
                + "dH6Beo3F455xZJg0v//bxVK5F4OE5k1.0xuR26MK0");
        assertThat(Sha512Crypt.crypt(bytes("a".repeat(200)), "./AZaz09")).isEqualTo("$6$./AZaz09$mVLSgPAgit5PHSebBE"
                + "JpPbBNAMmNaAh22eKXlst.ugrzgPoBiTUZtHjdw7gogndu/.IVIxtXeKT1HSJs5yg.j/");
        assertThat(Sha512Crypt.crypt(bytes("secret"), "abcdefghijklmnop")).isEqualTo("$6$abcdefghijklmnop$J/AWykHqo2T"
                + "x5UtavGnFc3ytI33la50JpzLTarSWVhkIXK6wOjNwwZjsrIw2UgmrER2EKrSHCeQyAINEEXAk1/");
    }

    @Property(tries = 60)
    void givesTheSameHashesAsCommonsCodec(@ForAll("passwords") String password, @ForAll("salts") String salt) {
        byte[] key = bytes(password);
        assertThat(Sha512Crypt.crypt(key, salt)).isEqualTo(Sha2Crypt.sha512Crypt(key, "$6$" + salt));
    }

    @Test
    void refusesASaltCryptWouldChange() {
        assertThatThrownBy(() -> Sha512Crypt.crypt(bytes("x"), "seventeen-chars-x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sha512Crypt.crypt(bytes("x"), "has$dollar"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Every length class of the algorithm: empty, short, exactly and over one and two digests (64, 128 bytes). */
    @Provide
    Arbitrary<String> passwords() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(0).ofMaxLength(200),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(64),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(128),
                Arbitraries.strings().withCharRange('\u00e0', '\u00ff').ofMinLength(30).ofMaxLength(70));
    }

    @Provide
    Arbitrary<String> salts() {
        return Arbitraries.strings().withChars("./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
                .ofMinLength(1).ofMaxLength(16);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
