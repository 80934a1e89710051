package org.miniascape.validate;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import org.miniascape.model.Install;
import org.miniascape.model.KernelBoot;

/**
 * A guest's {@code boot} (direct kernel boot), for {@link GuestChecks}: {@code kernel} and {@code initrd} are
 * absolute paths on the libvirt host on one line without control characters or ',' (virt-install splits
 * {@code --boot} at commas); {@code cmdline} is one line of printable characters of at most
 * {@value #MAX_CMDLINE_BYTES} bytes. A guest whose install method runs an installer (kickstart, preseed) boots
 * that installer and then its disk, so it cannot boot a kernel directly; nor can one of method none boot its
 * {@code install.cdrom} and a kernel.
 */
final class KernelBootChecks {
    /** Linux's COMMAND_LINE_SIZE on x86 and arm64, the longest command line of the common architectures. */
    static final int MAX_CMDLINE_BYTES = 2048;

    private KernelBootChecks() {
    }

    /** Reports each problem as {@code problem(key, message)}, the key such as {@code boot.kernel}. */
    static void check(KernelBoot boot, Install install, BiConsumer<String, String> problem) {
        path("boot.kernel", boot.kernel(), problem);
        boot.initrd().ifPresent(i -> path("boot.initrd", i, problem));
        boot.cmdline().ifPresent(c -> {
            if (!Text.isSingleLine(c)) {
                problem.accept("boot.cmdline", "must be a single line of printable characters (no line break, tab"
                        + " or other control character)");
            }
            int bytes = c.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_CMDLINE_BYTES) {
                problem.accept("boot.cmdline", "is " + bytes + " bytes long; the kernel takes a command line of at"
                        + " most " + MAX_CMDLINE_BYTES + " bytes");
            }
        });
        if (install.method().installer()) {
            problem.accept("boot", "install method " + install.method().key() + " boots its installer and then the"
                    + " installed disk, never a kernel of the host: direct kernel boot is for install methods import,"
                    + " cloud-init and none");
        } else if (install.cdrom().isPresent()) {
            problem.accept("install.cdrom", "the guest boots boot.kernel, never this cdrom: give one of them");
        }
    }

    private static void path(String key, String value, BiConsumer<String, String> problem) {
        if (!Text.isSingleLine(value)) {
            problem.accept(key, "must be a single line without control characters");
        } else if (!value.startsWith("/") || value.length() < 2) {
            problem.accept(key, "'" + Text.printable(value)
                    + "': expected an absolute path of a file on the libvirt host");
        } else if (value.indexOf(',') >= 0) {
            problem.accept(key, "must not contain ',' (virt-install splits its option values at commas)");
        }
    }
}
