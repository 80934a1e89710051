package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.miniascape.exec.Command;
import org.miniascape.exec.Executor;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Ipv4Cidr;

/**
 * {@link HostProbe} of this machine through {@code ip -o} and {@code ss}; read-only. With a command prefix (a
 * host's {@code shell} in a site over several hosts: {@code ssh root@kvm2}, {@code ip netns exec kvm2}) it probes
 * that host instead, and is not {@link #here()}.
 */
final class LocalHostProbe implements HostProbe {
    private final Executor exec;
    private final List<String> prefix;

    LocalHostProbe() {
        this(List.of(), new Executor());
    }

    LocalHostProbe(List<String> prefix, Executor exec) {
        this.prefix = List.copyOf(prefix);
        this.exec = exec;
    }

    private Command command(List<String> argv) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(argv);
        return Command.of(full);
    }

    @Override
    public boolean here() {
        return prefix.isEmpty();
    }

    @Override
    public Set<String> interfaces() {
        // "2: eth0: <BROADCAST,...> mtu ..."; a veth shows as "vb1@if2".
        Set<String> out = new TreeSet<>();
        for (String line : ip("-o", "link", "show")) {
            String[] f = line.split(":\\s+", 3);
            if (f.length >= 2) {
                String name = f[1];
                int at = name.indexOf('@');
                out.add(at >= 0 ? name.substring(0, at) : name);
            }
        }
        return out;
    }

    @Override
    public List<Address> addresses() {
        // "2: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0\       valid_lft ..."
        List<Address> out = new ArrayList<>();
        for (String line : ip("-o", "-4", "addr", "show")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[2].equals("inet")) {
                continue;
            }
            String[] cidr = f[3].split("/");
            Ipv4 address = Ipv4.parse(cidr[0]);
            int prefix = cidr.length > 1 ? Integer.parseInt(cidr[1]) : 32;
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            out.add(new Address(f[1], address, new Ipv4Cidr(new Ipv4(address.bits() & mask), prefix)));
        }
        return out;
    }

    @Override
    public List<Listener> listeners() {
        List<Listener> out = new ArrayList<>();
        for (String proto : List.of("tcp", "udp")) {
            String text = exec.runChecked(command(List.of("ss", "-H", "-ln", proto.equals("tcp") ? "-t" : "-u",
                    "-p"))).stdout();
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 5) {
                    continue;
                }
                String local = f[3];
                int colon = local.lastIndexOf(':');
                if (colon < 0) {
                    continue;
                }
                String addr = local.substring(0, colon);
                int pct = addr.indexOf('%'); // 0.0.0.0%lo: bound to a device
                String device = "";
                if (pct >= 0) {
                    device = addr.substring(pct + 1);
                    addr = addr.substring(0, pct);
                }
                int port;
                try {
                    port = Integer.parseInt(local.substring(colon + 1));
                } catch (NumberFormatException e) {
                    continue;
                }
                String process = f.length > 5 ? String.join(" ", List.of(f).subList(5, f.length)) : "";
                out.add(new Listener(proto, addr, port, device, process));
            }
        }
        return out;
    }

    @Override
    public boolean available() {
        return true;
    }

    private List<String> ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        String out = exec.runChecked(command(argv)).stdout();
        return out.isBlank() ? List.of() : List.of(out.split("\n"));
    }
}
