package org.miniascape.render;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Swaps two directories in one step: {@code renameat2(2)} with {@code RENAME_EXCHANGE}, so that at every instant
 * each path names one of the two trees. Called through JNA, loaded only here (a build that swaps nothing — a
 * first build, or one that changed nothing — never loads it). Where the C library has no {@code renameat2}
 * (glibc before 2.28), JNA cannot load or the file system cannot exchange (EINVAL, ENOSYS), the caller falls back
 * to two renames. The system property {@code miniascape.renameExchange=false} takes the fallback always.
 */
final class AtomicExchange {
    private static final int AT_FDCWD = -100;
    private static final int RENAME_EXCHANGE = 2;
    private static final int EINVAL = 22;
    private static final int ENOSYS = 38;

    private AtomicExchange() {
    }

    /** The one function used. */
    interface LibC extends Library {
        int renameat2(int olddirfd, byte[] oldpath, int newdirfd, byte[] newpath, int flags) throws LastErrorException;
    }

    /** Loaded on first use; null when JNA or the function is not there. */
    private static final class Loaded {
        static final LibC LIBC = load();

        private static LibC load() {
            try {
                LibC libc = Native.load("c", LibC.class);
                // The symbol is looked up at the first call; an old C library fails there, not here.
                return libc;
            } catch (LinkageError | RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * Exchanges {@code a} and {@code b} (both must exist) atomically. False when it cannot be done here (see
     * above), and nothing moved; an IOException for any other refusal (nothing moved either).
     */
    static boolean exchange(Path a, Path b) throws IOException {
        if (!Boolean.parseBoolean(System.getProperty("miniascape.renameExchange", "true"))) {
            return false;
        }
        LibC libc = Loaded.LIBC;
        if (libc == null) {
            return false;
        }
        try {
            libc.renameat2(AT_FDCWD, bytes(a), AT_FDCWD, bytes(b), RENAME_EXCHANGE);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EINVAL || e.getErrorCode() == ENOSYS) {
                return false;
            }
            throw new IOException("cannot exchange " + a + " and " + b + ": " + e.getMessage().replaceFirst(
                    "^\\[\\d+\\] ", ""), e);
        } catch (UnsatisfiedLinkError e) {
            return false; // a C library without renameat2
        }
    }

    /** The path as the kernel takes it: in the encoding Java uses for file names, NUL-terminated. */
    private static byte[] bytes(Path p) {
        String encoding = System.getProperty("sun.jnu.encoding");
        byte[] s = p.toAbsolutePath().toString().getBytes(encoding == null ? Charset.defaultCharset()
                : Charset.forName(encoding));
        return Arrays.copyOf(s, s.length + 1);
    }
}
