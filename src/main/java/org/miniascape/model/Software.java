package org.miniascape.model;

import java.util.List;
import java.util.Optional;

/** What an install puts on a guest: packages, services to enable and disable, and a shell script run last. */
public record Software(List<String> packages, List<String> servicesEnabled, List<String> servicesDisabled,
                       Optional<String> postScript) {
}
