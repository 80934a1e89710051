package org.miniascape.render.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.miniascape.model.Guest;
import org.miniascape.model.Kdump;
import org.miniascape.model.Localization;
import org.miniascape.model.Software;
import org.miniascape.render.Shell;
import org.miniascape.render.guest.KickstartRelease.Feature;

/**
 * The system settings of ks.cfg in the guest's release's syntax: the timezone with the hardware clock and NTP
 * servers, SELinux, the firewall, kdump. What a release cannot say in a command of its own becomes packages,
 * services, kernel arguments or a %post script, which {@link KickstartVariables} adds to the others.
 */
final class KickstartSystem {
    /** What a release without the kdump add-on reserves for {@code reserve: auto} where its kernel has no auto. */
    static final int AUTO_FALLBACK_MB = 128;

    final List<String> packages = new ArrayList<>();
    final List<String> servicesEnabled = new ArrayList<>();
    final List<String> kernelArgs = new ArrayList<>();

    private final Guest guest;
    private final KickstartRelease release;

    KickstartSystem(Guest guest, KickstartRelease release) {
        this.guest = guest;
        this.release = release;
    }

    void put(Map<String, Object> ks) {
        time(ks);
        ks.put("selinux", "--" + guest.software().selinux().key());
        ks.put("firewall", firewall());
        kdump(ks);
    }

    /**
     * {@code timezone TZ [--utc]}; the NTP servers as {@code timesource} lines (F33, RHEL 9 on), else
     * {@code --ntpservers=} (F18, RHEL 7 on), else ntpd with a %post that writes them into /etc/ntp.conf.
     */
    private void time(Map<String, Object> ks) {
        Localization l = guest.localization();
        // The timezone alone, as templates of the site's own (-t) know it; its options apart.
        ks.put("timezone", Shell.quote(l.timezoneOrDefault()));
        StringBuilder tz = new StringBuilder();
        if (l.utcClock()) {
            tz.append(" --utc"); // every release; F32 on warns that --isUtc is deprecated
        }
        List<String> servers = l.ntpServers();
        List<String> timesources = new ArrayList<>();
        List<String> ntpPost = new ArrayList<>();
        if (!servers.isEmpty()) {
            if (release.has(Feature.TIMESOURCE)) {
                servers.forEach(s -> timesources.add("--ntp-server=" + Shell.quote(s)));
            } else if (release.has(Feature.NTPSERVERS)) {
                tz.append(" --ntpservers=").append(Shell.quote(String.join(",", servers)));
            } else {
                servers.forEach(s -> ntpPost.add(Shell.quote(s)));
                packages.add("ntp");
                servicesEnabled.add("ntpd");
            }
        }
        ks.put("timezone_options", tz.toString()); // each with its leading blank
        ks.put("timesources", timesources);
        ks.put("ntp_post", ntpPost);
    }

    /** ssh, the site's services (as their ports where the release has no --service=) and ports. */
    private String firewall() {
        Software s = guest.software();
        boolean service = release.has(Feature.FIREWALL_SERVICE);
        List<String> services = new ArrayList<>(List.of("ssh"));
        s.firewallServices().stream().filter(x -> !services.contains(x)).forEach(services::add);
        List<String> ports = new ArrayList<>();
        if (!service) {
            FirewallServices.portsOf(services.subList(1, services.size())).forEach(ports::add);
        }
        s.firewallPorts().stream().filter(p -> !ports.contains(p)).forEach(ports::add);
        StringBuilder f = new StringBuilder(service ? "--service=" + Shell.quote(String.join(",", services))
                : "--ssh");
        if (!ports.isEmpty()) {
            // kickstart writes a port as PORT:PROTOCOL, in every release.
            f.append(" --port=").append(Shell.quote(String.join(",", ports.stream().map(p -> p.replace('/', ':'))
                    .toList())));
        }
        return f.toString();
    }

    /**
     * The add-on where the release has it; else, enabled, the {@code crashkernel=} argument (RHEL 6's kernel
     * takes {@code auto}; RHEL 5's and Fedora's do not: {@value #AUTO_FALLBACK_MB}M), kexec-tools and the kdump
     * service, and disabled, nothing (kexec-tools is not in @core, so kdump is not installed).
     */
    private void kdump(Map<String, Object> ks) {
        ks.put("kdump_addon", "");
        if (guest.software().kdump().isEmpty()) {
            return;
        }
        Kdump k = guest.software().kdump().get();
        if (release.has(Feature.KDUMP_ADDON)) {
            ks.put("kdump_addon", k.enabled() ? "--enable --reserve-mb=" + k.reserveMb().map(String::valueOf)
                    .orElse("auto") : "--disable");
        } else if (k.enabled()) {
            boolean auto = release.family() == KickstartRelease.Family.RHEL && release.version() == 6;
            kernelArgs.add("crashkernel=" + k.reserveMb().map(mb -> mb + "M")
                    .orElse(auto ? "auto" : AUTO_FALLBACK_MB + "M"));
            packages.add("kexec-tools");
            servicesEnabled.add("kdump");
        }
    }
}
