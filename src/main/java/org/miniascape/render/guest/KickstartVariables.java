package org.miniascape.render.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;
import org.miniascape.render.Shell;
import org.miniascape.xml.domain.DiskElement;

/**
 * The values of ks.cfg, each already quoted for kickstart (pykickstart splits lines like a POSIX shell), so the
 * template only lays them out. Single-line values were checked by {@link GuestChecks}. Where the releases'
 * syntax differs, the value is written in the syntax of the guest's release ({@link KickstartRelease}): the
 * template holds no knowledge of releases.
 */
final class KickstartVariables {
    private KickstartVariables() {
    }

    static Map<String, Object> of(Guest guest, Site site, InstallTrees trees) {
        KickstartRelease release = KickstartRelease.of(guest.hardware().osVariant());
        Map<String, Object> ks = new LinkedHashMap<>();
        ks.put("syntax_line", release.headerLine());
        ks.put("url", trees.installerUrl(guest, site).map(Shell::quote).orElse(""));
        // Installing from an ISO (install.cdrom, or an ISO as install.location): the packages come from that ISO.
        ks.put("cdrom", guest.install().installsFromCdrom());
        ks.put("repos", guest.software().repos().stream().map(r -> "--name=" + Shell.quote(r.name()) + " --baseurl="
                + Shell.quote(r.baseurl())).toList());
        // Kickstart requires all three: the defaults where the site sets none.
        ks.put("lang", Shell.quote(guest.localization().langOrDefault()));
        String keymap = Shell.quote(guest.localization().keyboardOrDefault());
        ks.put("keyboard", release.has(KickstartRelease.Feature.KEYBOARD_VCKEYMAP) ? "--vckeymap=" + keymap : keymap);
        KickstartSystem system = new KickstartSystem(guest, release);
        system.put(ks);
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
            boolean noDefaultRoute = a.isStatic() ? a.gateway().isEmpty() : !a.defaultRoute();
            boolean activate = release.has(KickstartRelease.Feature.NETWORK_ACTIVATE);
            if (noDefaultRoute && activate) {
                sb.append(" --nodefroute");
            }
            if (!a.takesNameservers()) {
                sb.append(" --nodns");
            }
            sb.append(" --onboot=yes");
            if (activate) {
                sb.append(" --activate");
            }
            if (a.primary()) {
                sb.append(" --hostname=").append(Shell.quote(GuestFacts.fqdn(guest, site)));
            }
            if (noDefaultRoute && !activate && !a.isStatic()) {
                networks.add("# " + release.pykickstartVersion() + " has no --nodefroute: this interface takes the"
                        + " default route its DHCP server offers");
            }
            networks.add("network " + sb);
        }
        ks.put("networks", networks);
        ks.put("rootpw", rootpw(guest, release));
        List<String> keys = guest.access().sshAuthorizedKeys().stream().map(Shell::quote).toList();
        // One key: the sshkey command where the release has it. Several (pykickstart refuses a second sshkey of a
        // user), or a release without it: a %post script of its own appends them (see the template).
        boolean sshkey = release.has(KickstartRelease.Feature.SSHKEY) && keys.size() == 1;
        ks.put("ssh_keys", sshkey ? keys : List.of());
        ks.put("ssh_keys_post", sshkey ? List.of() : keys);
        users(ks, guest, release);
        StringBuilder services = new StringBuilder();
        List<String> enabled = new ArrayList<>(guest.software().servicesEnabled());
        system.servicesEnabled.stream().filter(x -> !enabled.contains(x)).forEach(enabled::add);
        if (!enabled.isEmpty()) {
            services.append("--enabled=").append(Shell.quote(String.join(",", enabled)));
        }
        if (!guest.software().servicesDisabled().isEmpty()) {
            services.append(services.length() > 0 ? " " : "").append("--disabled=")
                    .append(Shell.quote(String.join(",", guest.software().servicesDisabled())));
        }
        ks.put("services", services.toString());
        List<DiskElement> disks = DiskElement.of(guest.disks());
        String disk = disks.isEmpty() ? "" : disks.get(0).targetDev();
        ks.put("disk", disk);
        StringBuilder bootloader = new StringBuilder("--location=mbr");
        bootloader.append(release.has(KickstartRelease.Feature.BOOTLOADER_BOOT_DRIVE) ? " --boot-drive=" : " --driveorder=")
                .append(disk);
        List<String> append = new ArrayList<>(system.kernelArgs);
        if (guest.hardware().serialConsole()) {
            append.add(0, VirtInstallArgs.SERIAL_KERNEL_ARGS);
        }
        if (!append.isEmpty()) {
            bootloader.append(" --append=").append(Shell.quote(String.join(" ", append)));
        }
        ks.put("bootloader", bootloader.toString());
        ks.put("layout", KickstartLayout.of(guest.install().partitioning(), release));
        // @core is always installed (the template lists it first).
        List<String> packages = new ArrayList<>(guest.software().packages().stream().filter(p -> !p.equals("@core"))
                .toList());
        system.packages.stream().filter(p -> !packages.contains(p)).forEach(packages::add);
        ks.put("packages", packages);
        ks.put("post_script", guest.software().postScript().orElse(""));
        return ks;
    }

    /**
     * The site's users: a {@code user} line each (its password hash, or locked where the release has --lock;
     * RHEL 5's useradd leaves a user without one locked), {@code sshkey --username} for a user with one key where
     * the release has sshkey, the other keys and sudo by %post ({@link UserAccounts}).
     */
    private static void users(Map<String, Object> ks, Guest guest, KickstartRelease release) {
        List<String> lines = new ArrayList<>();
        List<String> sshkeys = new ArrayList<>();
        List<org.miniascape.model.User> scriptKeys = new ArrayList<>();
        for (org.miniascape.model.User u : guest.access().users()) {
            StringBuilder sb = new StringBuilder("--name=").append(Shell.quote(u.name()));
            if (!u.groups().isEmpty()) {
                sb.append(" --groups=").append(Shell.quote(String.join(",", u.groups())));
            }
            u.uid().ifPresent(uid -> sb.append(" --uid=").append(uid));
            u.shell().ifPresent(sh -> sb.append(" --shell=").append(Shell.quote(sh)));
            if (u.passwordHash().isPresent()) {
                sb.append(" --iscrypted --password=").append(Shell.quote(u.passwordHash().get()));
            } else if (release.has(KickstartRelease.Feature.USER_LOCK)) {
                sb.append(" --lock");
            }
            lines.add(sb.toString());
            if (release.has(KickstartRelease.Feature.SSHKEY) && u.sshAuthorizedKeys().size() == 1) {
                sshkeys.add("--username=" + Shell.quote(u.name()) + " " + Shell.quote(u.sshAuthorizedKeys().get(0)));
            } else {
                scriptKeys.add(u);
            }
        }
        ks.put("users", lines);
        ks.put("user_sshkeys", sshkeys);
        ks.put("accounts", UserAccounts.of(guest.access().users(), scriptKeys));
    }

    /**
     * {@code rootpw}'s arguments: the hash; without one the account is locked, and a release whose rootpw needs a
     * password even with {@code --lock} (RHEL 6), or has no {@code --lock} (RHEL 5), gets the hash {@code !!}, which
     * no password matches (what passwd -l writes).
     */
    private static String rootpw(Guest guest, KickstartRelease release) {
        Optional<String> hash = guest.access().rootPasswordHash();
        if (hash.isPresent()) {
            return "--iscrypted " + Shell.quote(hash.get());
        }
        if (release.has(KickstartRelease.Feature.ROOTPW_LOCK_ALONE)) {
            return "--lock";
        }
        return (release.has(KickstartRelease.Feature.ROOTPW_LOCK) ? "--lock " : "") + "--iscrypted '!!'";
    }
}
