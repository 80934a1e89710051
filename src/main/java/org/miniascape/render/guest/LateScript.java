package org.miniascape.render.guest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.miniascape.model.Guest;
import org.miniascape.render.Shell;

/**
 * The values of the first-boot shell script that preseed's late_command runs in the installed system: NTP
 * servers, SSH keys and service names as quoted shell words; the user's post_script, which is code by intent, as it is.
 */
final class LateScript {
    private LateScript() {
    }

    static Map<String, Object> of(Guest guest) {
        Map<String, Object> s = new LinkedHashMap<>();
        // systemd-timesyncd's NTP= is one line of servers separated by blanks.
        s.put("ntp_servers", guest.localization().ntpServers().isEmpty() ? ""
                : Shell.quote(String.join(" ", guest.localization().ntpServers())));
        s.put("ssh_keys", guest.access().sshAuthorizedKeys().stream().map(Shell::quote).toList());
        s.put("accounts", UserAccounts.preseed(guest.access().users()));
        s.put("services_enabled", guest.software().servicesEnabled().stream().map(Shell::quote).toList());
        s.put("services_disabled", guest.software().servicesDisabled().stream().map(Shell::quote).toList());
        s.put("post_script", guest.software().postScript().orElse(""));
        return s;
    }
}
