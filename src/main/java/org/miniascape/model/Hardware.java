package org.miniascape.model;

import java.util.Locale;
import java.util.Optional;

/**
 * A guest's virtual machine: CPUs, memory (MiB), architecture and machine type, the libosinfo OS it is tuned
 * for ({@code osVariant}), whether it has a serial console, its graphical display ({@code graphics}), whether
 * the host fences it through fence_virt, and the kernel it boots directly instead of its disk ({@code boot}),
 * if any.
 */
public record Hardware(int vcpus, int memoryMib, String arch, Optional<String> machine, String osVariant,
                       Guest.VirtType virtType, boolean serialConsole, Graphics graphics, boolean fencing,
                       Optional<KernelBoot> kernelBoot) {

    /** A graphical display, always on the host's loopback; {@code NONE}: no display and no video card. */
    public enum Graphics {
        NONE, VNC, SPICE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Graphics> fromKey(String key) {
            return java.util.Arrays.stream(values()).filter(g -> g.key().equals(key)).findFirst();
        }

        /** What a guest shows when the site says nothing: a display only when there is no serial console. */
        public static Graphics defaultFor(boolean serialConsole) {
            return serialConsole ? NONE : VNC;
        }
    }
}
