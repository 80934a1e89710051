package org.miniascape.config;

import java.util.List;
import java.util.Optional;
import org.miniascape.config.YNode.YScalar;
import org.miniascape.model.Kdump;
import org.miniascape.model.Localization;
import org.miniascape.model.Software;
import org.miniascape.validate.Problems;

/**
 * A guest's system settings besides its packages: time (timezone, {@code hardware_clock}, {@code ntp_servers}),
 * keymap and locale; {@code selinux}, {@code kdump} and {@code firewall} ({@code ports}, {@code services}). Their
 * values are checked further with the guest's others (validate.SystemChecks), where the install method and release
 * are known.
 */
final class SystemReader {
    /** The memory kdump may reserve, in MiB (the guest's own memory bounds it further: validate.SystemChecks). */
    static final long MIN_RESERVE_MB = 16;
    static final long MAX_RESERVE_MB = 65536;

    private SystemReader() {
    }

    static Localization localization(MapReader r) {
        boolean utc = r.choice("hardware_clock", Keys.HARDWARE_CLOCK).map(c -> c.equals("utc")).orElse(true);
        return new Localization(r.string("timezone"), r.string("keyboard"), r.string("lang"), utc,
                r.strings("ntp_servers"));
    }

    /** {@code firewall}: its ports and services, each a list (empty when absent). */
    record Firewall(List<String> ports, List<String> services) {
    }

    static Firewall firewall(MapReader r, Problems problems) {
        return r.submap("firewall").map(m -> {
            MapReader f = new MapReader(m, "'firewall' of guest", Keys.FIREWALL, problems);
            return new Firewall(f.strings("ports"), f.strings("services"));
        }).orElse(new Firewall(List.of(), List.of()));
    }

    static Software.SeLinux selinux(MapReader r) {
        return r.choice("selinux", Keys.SELINUX)
                .map(s -> Software.SeLinux.valueOf(s.toUpperCase(java.util.Locale.ROOT))).orElse(Software.SeLinux.ENFORCING);
    }

    /** {@code kdump: {enabled: true, reserve: auto | MiB}}; enabled defaults to true, reserve to auto. */
    static Optional<Kdump> kdump(MapReader r, Problems problems) {
        return r.submap("kdump").map(m -> {
            MapReader k = new MapReader(m, "'kdump' of guest", Keys.KDUMP, problems);
            boolean enabled = k.bool("enabled").orElse(true);
            Optional<Integer> reserve = Optional.empty();
            if (k.has("reserve") && !(m.get("reserve") instanceof YScalar s && "auto".equals(s.value()))) {
                if (m.get("reserve") instanceof YScalar s && s.value() instanceof String) {
                    k.error("reserve", "'reserve' of 'kdump' of guest must be auto or a size in MiB ("
                            + MIN_RESERVE_MB + " to " + MAX_RESERVE_MB + "), not '" + s.text() + "'");
                } else {
                    reserve = k.integer("reserve", MIN_RESERVE_MB, MAX_RESERVE_MB).map(Long::intValue);
                }
            }
            if (!enabled && k.has("reserve")) {
                k.error("reserve", "kdump is not enabled: it reserves no memory (leave 'reserve' out, or enable it)");
            }
            return new Kdump(enabled, reserve);
        });
    }
}
