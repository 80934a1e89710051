package org.miniascape.libvirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.miniascape.MiniascapeException;
import org.miniascape.exec.Command;
import org.miniascape.exec.Executor;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Ipv4Cidr;

/** {@link HostProbe} of this machine through {@code ip -j} and {@code ss}; read-only. */
final class LocalHostProbe implements HostProbe {
    private final Executor exec = new Executor();
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Set<String> interfaces() {
        Set<String> out = new TreeSet<>();
        for (JsonNode link : ipJson("link", "show")) {
            out.add(link.path("ifname").asText());
        }
        return out;
    }

    @Override
    public List<Address> addresses() {
        List<Address> out = new ArrayList<>();
        for (JsonNode link : ipJson("-4", "addr", "show")) {
            for (JsonNode a : link.path("addr_info")) {
                if (!a.path("family").asText().equals("inet")) {
                    continue;
                }
                Ipv4 ip = Ipv4.parse(a.path("local").asText());
                int prefix = a.path("prefixlen").asInt(32);
                int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
                out.add(new Address(link.path("ifname").asText(), ip, new Ipv4Cidr(new Ipv4(ip.bits() & mask), prefix)));
            }
        }
        return out;
    }

    @Override
    public List<Listener> listeners() {
        List<Listener> out = new ArrayList<>();
        for (String proto : List.of("tcp", "udp")) {
            String text = exec.runChecked(Command.of("ss", "-H", "-ln", proto.equals("tcp") ? "-t" : "-u", "-p"))
                    .stdout();
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
                if (pct >= 0) {
                    addr = addr.substring(0, pct);
                }
                int port;
                try {
                    port = Integer.parseInt(local.substring(colon + 1));
                } catch (NumberFormatException e) {
                    continue;
                }
                String process = f.length > 5 ? String.join(" ", List.of(f).subList(5, f.length)) : "";
                out.add(new Listener(proto, addr, port, process));
            }
        }
        return out;
    }

    @Override
    public boolean available() {
        return true;
    }

    private JsonNode ipJson(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-j"));
        argv.addAll(List.of(args));
        String out = exec.runChecked(Command.of(argv)).stdout();
        try {
            return json.readTree(out.isBlank() ? "[]" : out);
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot read the output of " + String.join(" ", argv) + ": "
                    + e.getMessage(), e);
        }
    }
}
