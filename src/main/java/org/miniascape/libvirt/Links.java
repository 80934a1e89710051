package org.miniascape.libvirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.miniascape.exec.ExecResult;
import org.miniascape.model.Host;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkSpan;
import org.miniascape.model.Site;

/**
 * Plans the VXLAN devices of one host of a site over several hosts: one {@link Action.Kind#LINK} action per
 * stretched network on the host, named after the network. The device is {@code mia-vxVNI}; it is read through
 * the host's shell ({@code ip -d -j link show dev DEV}, {@code bridge -j fdb show dev DEV}) — reading changes
 * nothing — and is {@code none} when it is the VXLAN device of the network's VNI, from the host's underlay
 * address on UDP 4789, in the network's bridge with its MTU and up, flooding to exactly the other hosts' underlay
 * addresses. {@code down} deletes only a device of that name that holds that VNI: anything else is left alone.
 */
public final class Links {
    /** Made on first use: a site without links (most) never loads Jackson for them. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static final String ZERO_MAC = "00:00:00:00:00:00";

    /** A VXLAN device as the site wants it on one host. */
    public record Link(String network, String device, int vni, String local, String bridge, int mtu,
                       List<String> peers) {
        public Link {
            peers = List.copyOf(peers);
        }
    }

    private final HostShell shell;
    private final List<Link> links;
    /** The host's IPv4 addresses, read once (empty: not read yet). */
    private Optional<Set<String>> addresses = Optional.empty();

    public Links(HostShell shell, List<Link> links) {
        this.shell = shell;
        this.links = List.copyOf(links);
    }

    /** The links of {@code host}: one per stretched network of the site on it. */
    public static List<Link> of(Site site, String host) {
        List<Link> out = new ArrayList<>();
        Host me = site.topology().host(host).orElseThrow();
        for (Network n : site.networks()) {
            Optional<NetworkSpan> span = site.topology().network(n.name());
            if (span.isEmpty() || !span.get().stretched() || !span.get().isOn(host)) {
                continue;
            }
            int vni = span.get().vni().getAsInt();
            List<String> peers = span.get().hosts().stream().filter(h -> !h.equals(host))
                    .map(h -> site.topology().host(h).orElseThrow().underlay().toString()).toList();
            out.add(new Link(n.name(), NetworkSpan.device(vni), vni, me.underlay().toString(), n.bridge(),
                    n.mtu().orElse(1500), peers));
        }
        return out;
    }

    public List<Link> links() {
        return links;
    }

    /** The id of the link action of a network (on this host, before the plan puts the host into it). */
    public static String id(String network) {
        return Action.id(Action.Kind.LINK, network);
    }

    /** What a device is now. */
    record State(boolean exists, String kind, int vni, String local, int port, String master, int mtu, boolean up,
                 Set<String> peers) {
        static final State ABSENT = new State(false, "", 0, "", 0, "", 0, false, Set.of());
    }

    /**
     * The links of the networks in {@code networks} brought up; {@code restarted}: the networks whose bridge the
     * plan (re)creates, where the device is put into the bridge again whatever it is in now.
     */
    public List<Action> up(Set<String> networks, Set<String> restarted) {
        List<Action> out = new ArrayList<>();
        for (Link l : links) {
            if (networks.contains(l.network())) {
                out.add(up(l, restarted.contains(l.network())));
            }
        }
        return out;
    }

    private Action up(Link l, boolean restarted) {
        String id = id(l.network());
        List<String> deps = List.of(Action.id(Action.Kind.NETWORK, l.network()));
        State s;
        boolean underlayHere;
        try {
            s = read(l.device());
            underlayHere = addresses().contains(l.local());
        } catch (org.miniascape.MiniascapeException e) {
            return new Action(id, Action.Kind.LINK, l.network(), Action.Type.CREATE, "its state could not be read: "
                    + e.getMessage().replaceFirst("^miniascape: (error: )?", ""), List.of(), deps,
                    List.of(new Step.Fail("read " + l.device(), e.getMessage().replaceFirst("^miniascape: (error: )?",
                            ""))));
        }
        String what = "VXLAN " + l.device() + " (VNI " + l.vni() + ") from " + l.local() + " in " + l.bridge()
                + ", peers " + String.join(", ", l.peers());
        if (!underlayHere) {
            return new Action(id, Action.Kind.LINK, l.network(), Action.Type.REFUSE, "preflight: the underlay address "
                    + l.local() + " is not an address of host " + shell.host() + " (ip -4 addr shows none such):"
                    + " give its hosts[].underlay the host's address on the network between the hosts", List.of(),
                    deps, List.of());
        }
        if (!s.exists()) {
            return new Action(id, Action.Kind.LINK, l.network(), Action.Type.CREATE, what, List.of(), deps,
                    create(l));
        }
        if (!s.kind().equals("vxlan") || s.vni() != l.vni()) {
            return new Action(id, Action.Kind.LINK, l.network(), Action.Type.REFUSE, "device " + l.device()
                    + " exists and is not the VXLAN device of VNI " + l.vni() + " (it is " + (s.kind().isEmpty()
                    ? "a plain device" : s.kind() + (s.kind().equals("vxlan") ? " VNI " + s.vni() : "")) + "); remove"
                    + " it (ip link del dev " + l.device() + ") or give the network another vni", List.of(),
                    deps, List.of());
        }
        if (!s.local().equals(l.local()) || s.port() != NetworkSpan.VXLAN_PORT) {
            List<String> diff = new ArrayList<>();
            if (!s.local().equals(l.local())) {
                diff.add("- local " + s.local());
                diff.add("+ local " + l.local());
            }
            if (s.port() != NetworkSpan.VXLAN_PORT) {
                diff.add("- dstport " + s.port());
                diff.add("+ dstport " + NetworkSpan.VXLAN_PORT);
            }
            List<Step> steps = new ArrayList<>(List.of(command("ip", "link", "del", "dev", l.device())));
            steps.addAll(create(l));
            return new Action(id, Action.Kind.LINK, l.network(), Action.Type.REPLACE, what, diff, deps, steps);
        }
        List<Step> steps = new ArrayList<>();
        List<String> diff = new ArrayList<>();
        if (!s.master().equals(l.bridge())) {
            diff.add("- master " + (s.master().isEmpty() ? "(none)" : s.master()));
            diff.add("+ master " + l.bridge());
        }
        if (s.mtu() != l.mtu()) {
            diff.add("- mtu " + s.mtu());
            diff.add("+ mtu " + l.mtu());
        }
        if (!s.up()) {
            diff.add("+ up");
        }
        if (!diff.isEmpty() || restarted) {
            steps.add(set(l));
        }
        for (String p : l.peers()) {
            if (!s.peers().contains(p)) {
                diff.add("+ peer " + p);
                steps.add(fdb("append", l, p));
            }
        }
        for (String p : s.peers()) {
            if (!l.peers().contains(p)) {
                diff.add("- peer " + p);
                steps.add(fdb("del", l, p));
            }
        }
        if (steps.isEmpty()) {
            return new Action(id, Action.Kind.LINK, l.network(), Action.Type.NONE, what, List.of(), deps, List.of());
        }
        return new Action(id, Action.Kind.LINK, l.network(), Action.Type.UPDATE_LIVE, diff.isEmpty()
                ? what + "; its network's bridge is made again: put into it again" : what, diff, deps, steps);
    }

    /** The links of the networks in {@code networks} taken down: a device the site made is deleted. */
    public List<Action> down(Set<String> networks) {
        List<Action> out = new ArrayList<>();
        for (Link l : links) {
            if (!networks.contains(l.network())) {
                continue;
            }
            String id = id(l.network());
            State s;
            try {
                s = read(l.device());
            } catch (org.miniascape.MiniascapeException e) {
                String why = e.getMessage().replaceFirst("^miniascape: (error: )?", "");
                out.add(new Action(id, Action.Kind.LINK, l.network(), Action.Type.DELETE, "its state could not be"
                        + " read: " + why, List.of(), List.of(), List.of(new Step.Fail("read " + l.device(), why))));
                continue;
            }
            if (!s.exists()) {
                out.add(new Action(id, Action.Kind.LINK, l.network(), Action.Type.NONE, "not there", List.of(),
                        List.of(), List.of()));
            } else if (!s.kind().equals("vxlan") || s.vni() != l.vni()) {
                out.add(new Action(id, Action.Kind.LINK, l.network(), Action.Type.NONE, "left alone: device "
                        + l.device() + " is not the VXLAN device of VNI " + l.vni(), List.of(), List.of(), List.of()));
            } else {
                out.add(new Action(id, Action.Kind.LINK, l.network(), Action.Type.DELETE, "VXLAN " + l.device()
                        + " (VNI " + l.vni() + ")", List.of(), List.of(),
                        List.of(command("ip", "link", "del", "dev", l.device()))));
            }
        }
        return out;
    }

    private List<Step> create(Link l) {
        List<Step> steps = new ArrayList<>();
        steps.add(command("ip", "link", "add", l.device(), "type", "vxlan", "id", Integer.toString(l.vni()), "local",
                l.local(), "dstport", Integer.toString(NetworkSpan.VXLAN_PORT), "nolearning"));
        steps.add(set(l));
        l.peers().forEach(p -> steps.add(fdb("append", l, p)));
        return steps;
    }

    private Step set(Link l) {
        return command("ip", "link", "set", "dev", l.device(), "mtu", Integer.toString(l.mtu()), "master", l.bridge(),
                "up");
    }

    private Step fdb(String verb, Link l, String peer) {
        return command("bridge", "fdb", verb, ZERO_MAC, "dev", l.device(), "dst", peer);
    }

    private Step command(String... argv) {
        return new Step.HostCommand(shell, List.of(argv));
    }

    /** The host's IPv4 addresses (ip -j -4 addr show), read once. */
    private Set<String> addresses() {
        if (addresses.isEmpty()) {
            Set<String> out = new LinkedHashSet<>();
            for (JsonNode i : parse(shell.runChecked(List.of("ip", "-j", "-4", "addr", "show")).stdout())) {
                for (JsonNode a : i.path("addr_info")) {
                    out.add(a.path("local").asText());
                }
            }
            addresses = Optional.of(out);
        }
        return addresses.get();
    }

    /** Reads a device through the host's shell; absent when ip says it does not exist. */
    State read(String device) {
        ExecResult link = shell.run(List.of("ip", "-d", "-j", "link", "show", "dev", device));
        if (!link.ok()) {
            if (link.stderr().contains("does not exist")) {
                return State.ABSENT;
            }
            throw org.miniascape.MiniascapeException.failed("on host " + shell.host() + ": ip -d -j link show dev "
                    + device + " exited with " + link.exitCode() + (link.stderr().isBlank() ? ""
                    : ": " + link.stderr().strip()));
        }
        JsonNode d = parse(link.stdout()).path(0);
        JsonNode info = d.path("linkinfo");
        JsonNode data = info.path("info_data");
        boolean up = false;
        for (JsonNode f : d.path("flags")) {
            up |= f.asText().equals("UP");
        }
        Set<String> peers = new LinkedHashSet<>();
        ExecResult fdb = shell.runChecked(List.of("bridge", "-j", "fdb", "show", "dev", device));
        for (JsonNode e : parse(fdb.stdout())) {
            if (e.path("mac").asText().equals(ZERO_MAC) && e.has("dst")) {
                peers.add(e.path("dst").asText());
            }
        }
        return new State(true, info.path("info_kind").asText(""), data.path("id").asInt(0),
                data.path("local").asText(""), data.path("port").asInt(0), d.path("master").asText(""),
                d.path("mtu").asInt(0), up, peers);
    }

    private JsonNode parse(String text) {
        try {
            return text.isBlank() ? Json.MAPPER.createArrayNode() : Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw org.miniascape.MiniascapeException.failed("on host " + shell.host() + ": unreadable output of ip: "
                    + e.getMessage());
        }
    }
}
