package org.miniascape.model;

import java.util.List;
import java.util.Optional;

/**
 * One libvirt host of a site that spreads over several ({@code hosts:}): its name (one DNS label, used in output
 * paths), the libvirt URI its daemon answers on, its underlay address (where the other hosts' VXLAN packets reach
 * it), how a shell is had on it (for the {@code ip link} commands libvirt has no API for), its capacity where the
 * site declares one (MiB of memory, vCPUs: placement never puts more on it), and the MTU of its underlay.
 */
public record Host(String name, String uri, Ipv4 underlay, Shell shell, Optional<Integer> memoryMib,
                   Optional<Integer> vcpus, int underlayMtu, Origin origin) {

    /** The MTU an underlay has unless {@code underlay_mtu} says otherwise. */
    public static final int DEFAULT_UNDERLAY_MTU = 1500;

    public Host {
        memoryMib = memoryMib == null ? Optional.empty() : memoryMib;
        vcpus = vcpus == null ? Optional.empty() : vcpus;
    }

    /**
     * How a command is run on the host: {@code prefix} + the command's words. {@code ssh}: {@code ssh [-p PORT]
     * [USER@]HOST} from the URI; {@code local}: no prefix (this machine); {@code command}: the words of the
     * site's own prefix (such as {@code ip netns exec kvm2}).
     */
    public record Shell(Kind kind, List<String> prefix) {
        public enum Kind {
            SSH, LOCAL, COMMAND;

            public String key() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        public Shell {
            prefix = List.copyOf(prefix);
        }

        public static final Shell LOCAL = new Shell(Kind.LOCAL, List.of());
    }
}
