package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniascape.model.KernelBoot;
import org.miniascape.validate.Text;
import org.miniascape.xml.domain.OsElement;

/**
 * A domain's direct kernel boot, part of its {@link DomainFacts}: {@code <os>}'s kernel, initrd and cmdline as
 * written (each empty when absent; all empty for a domain that boots from its disk).
 */
public record KernelBootFacts(String kernel, String initrd, String cmdline) {
    public static final KernelBootFacts NONE = new KernelBootFacts("", "", "");

    /** The kernel boot of a domain's {@code <os>} read back. */
    static KernelBootFacts of(OsElement os) {
        return new KernelBootFacts(os.kernel().orElse(""), os.initrd().orElse(""), os.cmdline().orElse(""));
    }

    static KernelBootFacts of(Optional<KernelBoot> boot) {
        return boot.map(b -> new KernelBootFacts(b.kernel(), b.initrd().orElse(""), b.cmdline().orElse("")))
                .orElse(NONE);
    }

    /** "kernel PATH", "initrd PATH", "cmdline TEXT" for those that are set. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        if (!kernel.isEmpty()) {
            out.add("kernel " + kernel);
        }
        if (!initrd.isEmpty()) {
            out.add("initrd " + initrd);
        }
        if (!cmdline.isEmpty()) {
            out.add("cmdline " + cmdline);
        }
        return out;
    }

    /** One line per part that differs, "live -> site", a part not set shown as (none). */
    List<String> differences(KernelBootFacts desired) {
        List<String> out = new ArrayList<>();
        difference(out, "kernel", kernel, desired.kernel);
        difference(out, "initrd", initrd, desired.initrd);
        difference(out, "cmdline", cmdline, desired.cmdline);
        return out;
    }

    private static void difference(List<String> out, String what, String have, String want) {
        if (!have.equals(want)) {
            out.add(what + " " + shown(have) + " -> " + shown(want));
        }
    }

    private static String shown(String value) {
        return value.isEmpty() ? "(none)" : "'" + Text.printable(value) + "'";
    }
}
