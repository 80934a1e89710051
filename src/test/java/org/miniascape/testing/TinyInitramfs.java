package org.miniascape.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;

/**
 * A gzip'd newc initramfs of Debian's static busybox and an {@code /init} script of the test's: the smallest
 * system a kernel can boot, for guests whose installed OS does not matter (an installer that reports what it was
 * given on the serial console, then powers off). Linux's 8250 serial console is built in: no modules needed.
 */
public final class TinyInitramfs {
    static final Path BUSYBOX = Path.of("/bin/busybox");

    private TinyInitramfs() {
    }

    /** Writes {@code to}: /bin/busybox (static: Debian's busybox-static) and /init running {@code script}. */
    public static Path write(Path to, String script) throws IOException {
        String file = new String(Files.readAllBytes(BUSYBOX), StandardCharsets.ISO_8859_1);
        if (!file.startsWith("\u007fELF")) {
            throw new IOException(BUSYBOX + " is not an ELF binary");
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to));
             CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(out, CpioConstants.FORMAT_NEW)) {
            for (String dir : new String[] {"bin", "dev", "proc", "sys", "tmp"}) {
                CpioArchiveEntry e = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, dir);
                e.setMode(CpioConstants.C_ISDIR | 0755);
                e.setNumberOfLinks(2);
                cpio.putArchiveEntry(e);
                cpio.closeArchiveEntry();
            }
            entry(cpio, "bin/busybox", Files.readAllBytes(BUSYBOX));
            entry(cpio, "init", ("#!/bin/busybox sh\n" + script).getBytes(StandardCharsets.UTF_8));
        }
        return to;
    }

    private static void entry(CpioArchiveOutputStream cpio, String name, byte[] data) throws IOException {
        CpioArchiveEntry e = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, name, data.length);
        e.setMode(CpioConstants.C_ISREG | 0755);
        e.setNumberOfLinks(1);
        cpio.putArchiveEntry(e);
        cpio.write(data);
        cpio.closeArchiveEntry();
    }
}
