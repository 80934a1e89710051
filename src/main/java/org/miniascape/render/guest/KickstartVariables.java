package org.miniascape.render.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;
import org.miniascape.render.Shell;
import org.miniascape.xml.domain.DiskElement;

/**
 * The values of ks.cfg, each already quoted for kickstart (pykickstart splits lines like a POSIX shell), so the
 * template only lays them out. Single-line values were checked by {@link GuestChecks}.
 */
final class KickstartVariables {
    private KickstartVariables() {
    }

    static Map<String, Object> of(Guest guest, Site site, InstallTrees trees) {
        Map<String, Object> ks = new LinkedHashMap<>();
        ks.put("url", trees.installerUrl(guest, site).map(Shell::quote).orElse(""));
        // Installing from an ISO (install.cdrom) without a tree: the packages come from the same ISO.
        ks.put("cdrom", guest.install().location().isEmpty() && guest.install().cdrom().isPresent());
        // Kickstart requires all three: the defaults where the site sets none.
        ks.put("lang", Shell.quote(guest.localization().langOrDefault()));
        ks.put("keyboard", Shell.quote(guest.localization().keyboardOrDefault()));
        ks.put("timezone", Shell.quote(guest.localization().timezoneOrDefault()));
        List<String> networks = new ArrayList<>();
        for (NicAddress a : NicAddress.of(guest, site)) {
            StringBuilder sb = new StringBuilder("--device=").append(a.nic().mac());
            if (a.isStatic()) {
                sb.append(" --bootproto=static --ip=").append(a.ip()).append(" --netmask=").append(a.netmask());
                a.gateway().ifPresent(gw -> sb.append(" --gateway=").append(gw));
                a.nameserver().ifPresent(ns -> sb.append(" --nameserver=").append(ns));
            } else {
                sb.append(" --bootproto=dhcp");
            }
            // A static NIC routes by default only where it has a gateway; a DHCP one takes its server's.
            if (a.isStatic() ? a.gateway().isEmpty() : !a.defaultRoute()) {
                sb.append(" --nodefroute");
            }
            if (!a.takesNameservers()) {
                sb.append(" --nodns");
            }
            sb.append(" --onboot=yes --activate");
            if (a.primary()) {
                sb.append(" --hostname=").append(Shell.quote(GuestFacts.fqdn(guest, site)));
            }
            networks.add(sb.toString());
        }
        ks.put("networks", networks);
        ks.put("rootpw", guest.access().rootPasswordHash().map(h -> "--iscrypted " + Shell.quote(h)).orElse("--lock"));
        ks.put("ssh_keys", guest.access().sshAuthorizedKeys().stream().map(Shell::quote).toList());
        StringBuilder services = new StringBuilder();
        if (!guest.software().servicesEnabled().isEmpty()) {
            services.append("--enabled=").append(Shell.quote(String.join(",", guest.software().servicesEnabled())));
        }
        if (!guest.software().servicesDisabled().isEmpty()) {
            services.append(services.length() > 0 ? " " : "").append("--disabled=")
                    .append(Shell.quote(String.join(",", guest.software().servicesDisabled())));
        }
        ks.put("services", services.toString());
        ks.put("bootloader_append",
                guest.hardware().serialConsole() ? Shell.quote(VirtInstallArgs.SERIAL_KERNEL_ARGS) : "");
        List<DiskElement> disks = DiskElement.of(guest.disks());
        ks.put("disk", disks.isEmpty() ? "" : disks.get(0).targetDev());
        // @core is always installed (the template lists it first).
        ks.put("packages", guest.software().packages().stream().filter(p -> !p.equals("@core")).toList());
        ks.put("post_script", guest.software().postScript().orElse(""));
        return ks;
    }
}
