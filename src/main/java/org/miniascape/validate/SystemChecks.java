package org.miniascape.validate;

import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.miniascape.model.Guest;
import org.miniascape.model.Install;
import org.miniascape.model.Kdump;
import org.miniascape.model.Software;
import org.miniascape.render.guest.FirewallServices;
import org.miniascape.render.guest.KickstartRelease;

/**
 * A guest's system settings against its install method and release: NTP servers are host names or addresses,
 * firewall services firewalld's names (and, where the release's kickstart has no {@code --service=}, ones whose
 * ports miniascape knows), SELinux modes only where there is SELinux, kdump consistent with {@code services} and
 * smaller than the guest's memory, a local-time hardware clock not under cloud-init.
 */
final class SystemChecks {
    /** A host name (labels of letters, digits and '-', dot-separated, at most 253) or an IPv4 address. */
    private static final Pattern HOST = Pattern.compile(
            "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    /** A firewalld service name: {@code http}, {@code freeipa-ldap}, {@code RH-Satellite-6}. */
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]*");

    private SystemChecks() {
    }

    static void check(Guest guest, BiConsumer<String, String> problem) {
        Install.Method method = guest.install().method();
        Set<String> seen = new HashSet<>();
        for (String s : guest.localization().ntpServers()) {
            if (!HOST.matcher(s).matches() || s.length() > 253) {
                problem.accept("ntp_servers", "'" + Text.printable(s) + "' must be a host name or an IPv4 address");
            } else if (!seen.add(s.toLowerCase(java.util.Locale.ROOT))) {
                problem.accept("ntp_servers", "'" + s + "' is listed twice");
            }
        }
        if (!guest.localization().utcClock() && method == Install.Method.CLOUD_INIT) {
            problem.accept("hardware_clock", "a cloud-init guest's hardware clock keeps UTC: cloud images assume it,"
                    + " and cloud-init cannot change it (write hardware_clock: utc, or leave it out)");
        }
        firewall(guest, method, problem);
        Software.SeLinux selinux = guest.software().selinux();
        if (method == Install.Method.PRESEED && guest.origin().declares("selinux")
                && selinux != Software.SeLinux.DISABLED) {
            problem.accept("selinux", "a preseed guest has no SELinux: Debian's and Ubuntu's installer installs no"
                    + " SELinux policy (they confine with AppArmor), so it cannot be " + selinux.key()
                    + " (leave 'selinux' out, or write disabled)");
        }
        guest.software().kdump().ifPresent(k -> kdump(guest, k, problem));
    }

    private static void firewall(Guest guest, Install.Method method, BiConsumer<String, String> problem) {
        KickstartRelease release = KickstartRelease.of(guest.hardware().osVariant());
        boolean byPort = method == Install.Method.KICKSTART && !release.has(KickstartRelease.Feature.FIREWALL_SERVICE);
        for (String s : guest.software().firewallServices()) {
            if (!SERVICE.matcher(s).matches()) {
                problem.accept("firewall", "service '" + Text.printable(s) + "' must be a firewalld service name"
                        + " (letters, digits, '_', '.', '+', '-'), such as http or https");
            } else if (byPort && !s.equals("ssh") && FirewallServices.ports(s).isEmpty()) {
                problem.accept("firewall", "service '" + s + "': " + release.pykickstartVersion() + "'s kickstart"
                        + " firewall opens ports, not services, and miniascape does not know the ports of '" + s
                        + "': give them in firewall.ports instead");
            }
        }
    }

    private static void kdump(Guest guest, Kdump k, BiConsumer<String, String> problem) {
        Software s = guest.software();
        if (k.enabled() && s.servicesDisabled().contains("kdump")) {
            problem.accept("kdump", "kdump is enabled, and services.disabled disables it: say one of them");
        }
        if (!k.enabled() && s.servicesEnabled().contains("kdump")) {
            problem.accept("kdump", "kdump is disabled, and services.enabled enables it: say one of them");
        }
        k.reserveMb().filter(mb -> mb * 2 > guest.hardware().memoryMib()).ifPresent(mb -> problem.accept("kdump",
                "reserve " + mb + " MiB is more than half of the guest's memory (" + guest.hardware().memoryMib()
                        + " MiB): the crash kernel's memory is lost to the running system"));
    }
}
