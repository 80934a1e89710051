package org.miniascape.model;

import java.util.Optional;

/**
 * A guest's virtual machine: CPUs, memory (MiB), architecture and machine type, the libosinfo OS it is tuned
 * for ({@code osVariant}), whether it has a serial console and whether the host fences it through fence_virt.
 */
public record Hardware(int vcpus, int memoryMib, String arch, Optional<String> machine, String osVariant,
                       Guest.VirtType virtType, boolean serialConsole, boolean fencing) {
}
