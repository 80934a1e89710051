package org.miniascape.render.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;

/** The values of the NoCloud files, each already a YAML double-quoted scalar (see {@link Yaml}). */
final class CloudInitVariables {
    private CloudInitVariables() {
    }

    static Map<String, Object> of(Guest guest, Site site) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("hostname", Yaml.quote(guest.name()));
        c.put("fqdn", Yaml.quote(GuestFacts.fqdn(guest, site)));
        c.put("instance_id", Yaml.quote(guest.name()));
        // Only what the site sets: cloud-init's timezone, locale and keyboard modules fail (and 'cloud-init status'
        // says error) on an image without tzdata, locales or console-setup.
        c.put("timezone", guest.localization().timezone().map(Yaml::quote).orElse(""));
        c.put("ntp_servers", guest.localization().ntpServers().stream().map(Yaml::quote).toList());
        c.put("locale", guest.localization().lang().map(Yaml::quote).orElse(""));
        c.put("keyboard", guest.localization().keyboard().map(k -> Yaml.quote(PreseedVariables.keymap(k))).orElse(""));
        c.put("root_password_hash", guest.access().rootPasswordHash().map(Yaml::quote).orElse(""));
        c.put("ssh_keys", guest.access().sshAuthorizedKeys().stream().map(Yaml::quote).toList());
        List<Object> users = new ArrayList<>();
        for (org.miniascape.model.User u : guest.access().users()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", Yaml.quote(u.name()));
            m.put("shell", Yaml.quote(u.shell().orElse(UserAccounts.DEFAULT_SHELL)));
            m.put("hash", u.passwordHash().map(Yaml::quote).orElse(""));
            m.put("uid", u.uid().map(String::valueOf).orElse(""));
            m.put("groups", String.join(", ", u.groups().stream().map(Yaml::quote).toList()));
            m.put("sudo", u.sudo());
            m.put("keys", u.sshAuthorizedKeys().stream().map(Yaml::quote).toList());
            users.add(m);
        }
        c.put("users", users);
        c.put("packages", guest.software().packages().stream().map(Yaml::quote).toList());
        c.put("services_enabled", guest.software().servicesEnabled().stream().map(Yaml::quote).toList());
        c.put("services_disabled", guest.software().servicesDisabled().stream().map(Yaml::quote).toList());
        c.put("post_script", guest.software().postScript().map(Yaml::quote).orElse(""));
        List<Object> ethernets = new ArrayList<>();
        List<NicAddress> nics = NicAddress.of(guest, site);
        for (int i = 0; i < nics.size(); i++) {
            NicAddress a = nics.get(i);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", "nic" + i);
            e.put("mac", Yaml.quote(a.nic().mac().toString()));
            e.put("dhcp", !a.isStatic());
            if (a.isStatic()) {
                e.put("address", Yaml.quote(a.ip() + "/" + a.prefix()));
            }
            e.put("default_route", a.defaultRoute());
            e.put("gateway", a.gateway().map(Yaml::quote).orElse(""));
            e.put("nameserver", a.nameserver().map(Yaml::quote).orElse(""));
            e.put("use_dns", a.takesNameservers());
            e.put("search", Yaml.quote(a.network().domain() == null ? "" : a.network().domain()));
            ethernets.add(e);
        }
        c.put("ethernets", ethernets);
        return c;
    }
}
