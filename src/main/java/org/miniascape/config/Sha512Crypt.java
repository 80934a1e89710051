package org.miniascape.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-512 crypt ({@code $6$}, Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512", default 5,000 rounds), as
 * glibc's crypt(3) and kickstart's {@code rootpw --iscrypted} read it.
 * <p>
 * Ours rather than commons-codec's Sha2Crypt, which gives the same hashes (the tests compare both, and the
 * specification's test vectors): that one asks the security providers for a new digest in each of the 5,000
 * rounds, and in a fresh JVM, where that lookup runs interpreted, it took twice as long (55 ms against 28 ms
 * here) — one twelfth of a whole build of the default site.
 */
final class Sha512Crypt {
    static final int ROUNDS = 5000;
    private static final String ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** The order in which the final digest's bytes are written, three at a time (from the specification). */
    private static final int[] ORDER = {
        0, 21, 42, 22, 43, 1, 44, 2, 23, 3, 24, 45, 25, 46, 4, 47, 5, 26, 6, 27, 48, 28, 49, 7, 50, 8, 29, 9, 30,
        51, 31, 52, 10, 53, 11, 32, 12, 33, 54, 34, 55, 13, 56, 14, 35, 15, 36, 57, 37, 58, 16, 59, 17, 38, 18,
        39, 60, 40, 61, 19, 62, 20, 41,
    };

    private Sha512Crypt() {
    }

    /** {@code $6$SALT$HASH} for a salt of at most 16 characters of the crypt alphabet, 5,000 rounds. */
    static String crypt(byte[] key, String salt) {
        boolean valid = salt.length() <= 16;
        for (int i = 0; i < salt.length(); i++) {
            valid &= ALPHABET.indexOf(salt.charAt(i)) >= 0;
        }
        if (!valid) {
            throw new IllegalArgumentException("a SHA-512 crypt salt is at most 16 characters of [./0-9A-Za-z]");
        }
        byte[] s = salt.getBytes(StandardCharsets.US_ASCII);
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-512", e);
        }
        // Digest B: key, salt, key.
        md.update(key);
        md.update(s);
        md.update(key);
        byte[] b = md.digest();
        // Digest A: key, salt, as many bytes of B as the key is long, then B or the key for each bit of its length.
        md.update(key);
        md.update(s);
        updateRepeated(md, b, key.length);
        for (int n = key.length; n > 0; n >>= 1) {
            if ((n & 1) != 0) {
                md.update(b);
            } else {
                md.update(key);
            }
        }
        byte[] a = md.digest();
        // P: the key once per key byte; S: the salt 16 + A[0] times; each cut to its input's length.
        for (int i = 0; i < key.length; i++) {
            md.update(key);
        }
        byte[] p = repeat(md.digest(), key.length);
        for (int i = 0; i < 16 + (a[0] & 0xff); i++) {
            md.update(s);
        }
        byte[] sp = repeat(md.digest(), s.length);
        byte[] c = a;
        for (int r = 0; r < ROUNDS; r++) {
            md.update((r & 1) != 0 ? p : c);
            if (r % 3 != 0) {
                md.update(sp);
            }
            if (r % 7 != 0) {
                md.update(p);
            }
            md.update((r & 1) != 0 ? c : p);
            c = md.digest();
        }
        StringBuilder out = new StringBuilder(106).append("$6$").append(salt).append('$');
        for (int i = 0; i < ORDER.length; i += 3) {
            encode(out, (c[ORDER[i]] & 0xff) << 16 | (c[ORDER[i + 1]] & 0xff) << 8 | (c[ORDER[i + 2]] & 0xff), 4);
        }
        encode(out, c[63] & 0xff, 2);
        return out.toString();
    }

    /** {@code length} bytes of {@code digest} repeated, fed to {@code md}. */
    private static void updateRepeated(MessageDigest md, byte[] digest, int length) {
        int n = length;
        for (; n > digest.length; n -= digest.length) {
            md.update(digest);
        }
        md.update(digest, 0, n);
    }

    /** {@code digest} repeated to {@code length} bytes. */
    private static byte[] repeat(byte[] digest, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = digest[i % digest.length];
        }
        return out;
    }

    /** {@code count} characters of the crypt alphabet, least significant six bits first. */
    private static void encode(StringBuilder out, int bits, int count) {
        int w = bits;
        for (int i = 0; i < count; i++) {
            out.append(ALPHABET.charAt(w & 0x3f));
            w >>>= 6;
        }
    }
}
