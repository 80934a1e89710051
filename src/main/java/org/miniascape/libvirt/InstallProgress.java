package org.miniascape.libvirt;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far an installer is, as it tells on the guest's serial console: anaconda prints each package as
 * {@code Installing bash-5.1.8-6.el9.x86_64 (45/312)}, text installers a percentage. Reads what the serial log
 * gained since the install began (the log is appended to across boots) when that file is readable from here — a
 * local libvirt host — and gives the last figure it holds. Nothing is read from a remote host.
 */
final class InstallProgress {
    /** At most this much of the log's end is read per look. */
    static final int WINDOW = 16 * 1024;
    private static final Pattern COUNT = Pattern.compile("\\((\\d{1,6})/(\\d{1,6})\\)");
    private static final Pattern PERCENT = Pattern.compile("(?<![\\d.])(\\d{1,3})(?:\\.\\d+)? ?%");

    private final Path log;
    private final long start;

    private InstallProgress(Path log, long start) {
        this.log = log;
        this.start = start;
    }

    /** Starts watching {@code serialLog} from its current end; a path that cannot be read is never read. */
    static InstallProgress from(String serialLog) {
        if (serialLog.isEmpty()) {
            return new InstallProgress(null, 0);
        }
        Path p = Path.of(serialLog);
        try {
            return new InstallProgress(p, Files.isReadable(p) ? Files.size(p) : 0);
        } catch (IOException e) {
            return new InstallProgress(p, 0);
        }
    }

    /** The installer's last figure since the start, in percent; empty when it told none (or the log is not here). */
    OptionalInt percent() {
        if (log == null || !Files.isReadable(log)) {
            return OptionalInt.empty();
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long size = f.length();
            // A log shorter than at the start was rotated or truncated: all of it is the install's.
            long from = size < start ? 0 : Math.max(start, size - WINDOW);
            byte[] bytes = new byte[(int) (size - from)];
            f.seek(from);
            f.readFully(bytes);
            return last(new String(bytes, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    /** The last figure in {@code text}: an "(n/N)" count as a percentage, or an "n %" itself. */
    static OptionalInt last(String text) {
        int at = -1;
        int value = -1;
        Matcher c = COUNT.matcher(text);
        while (c.find()) {
            long n = Long.parseLong(c.group(1));
            long total = Long.parseLong(c.group(2));
            if (total > 0 && n <= total) {
                at = c.start();
                value = (int) (n * 100 / total);
            }
        }
        Matcher p = PERCENT.matcher(text);
        while (p.find()) {
            int v = Integer.parseInt(p.group(1));
            if (v <= 100 && p.start() > at) {
                at = p.start();
                value = v;
            }
        }
        return value < 0 ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
