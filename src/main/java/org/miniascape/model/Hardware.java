package org.miniascape.model;

import java.util.Optional;

/**
 * A guest's virtual machine: CPUs, memory (MiB), architecture and machine type, the libosinfo OS it is tuned
 * for ({@code osVariant}), whether it has a serial console, whether the host fences it through fence_virt, and
 * the kernel it boots directly instead of its disk ({@code boot}), if any.
 */
public record Hardware(int vcpus, int memoryMib, String arch, Optional<String> machine, String osVariant,
                       Guest.VirtType virtType, boolean serialConsole, boolean fencing,
                       Optional<KernelBoot> kernelBoot) {
}
