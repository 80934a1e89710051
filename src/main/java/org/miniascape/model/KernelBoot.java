package org.miniascape.model;

import java.util.Optional;

/**
 * Direct kernel boot (a guest's {@code boot}): the guest starts the kernel, and the initrd when given, from files
 * of the libvirt host with this kernel command line, instead of booting from its disk. The paths are absolute on
 * the libvirt host; {@code origin} holds the positions of {@code kernel}, {@code initrd} and {@code cmdline}.
 */
public record KernelBoot(String kernel, Optional<String> initrd, Optional<String> cmdline, Origin origin) {
}
