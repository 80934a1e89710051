package org.miniascape.libvirt;

import java.util.OptionalLong;

/**
 * What the libvirt host has to run guests with: its processors (virNodeGetInfo) and its free memory
 * (virNodeGetFreeMemory; empty where the driver does not tell it, as the test driver does not), read through the
 * connection, so they are the remote host's for a remote URI.
 */
public record HostCapacity(int cpus, OptionalLong freeMemoryMib) {
    public HostCapacity {
        if (cpus < 1 || freeMemoryMib.orElse(0) < 0) {
            throw new IllegalArgumentException("cpus " + cpus + ", free memory " + freeMemoryMib + " MiB");
        }
    }

    public HostCapacity(int cpus, long freeMemoryMib) {
        this(cpus, OptionalLong.of(freeMemoryMib));
    }
}
