package org.miniascape.model;

import java.util.List;
import java.util.Optional;

/** How one logs into a guest: root's password, always a crypt(3) hash (never plaintext), and SSH keys. */
public record Access(Optional<String> rootPasswordHash, List<String> sshAuthorizedKeys) {
}
