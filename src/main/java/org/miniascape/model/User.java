package org.miniascape.model;

import java.util.List;
import java.util.Optional;

/**
 * An account of the guest besides root ({@code users:}): its login {@code name}, its password as a crypt(3) hash
 * (never plaintext; none: the password is locked, the user logs in by key), SSH keys, supplementary
 * {@code groups} (created where missing), an optional {@code uid} and login {@code shell}, and {@code sudo}:
 * passwordless sudo (a lab user logging in by key has no password to type). {@code origin} for the positions of
 * its keys.
 */
public record User(String name, Optional<String> passwordHash, List<String> sshAuthorizedKeys, List<String> groups,
                   Optional<Integer> uid, Optional<String> shell, boolean sudo, Origin origin) {

    /** A way in: a password or a key. */
    public boolean canLogIn() {
        return passwordHash.isPresent() || !sshAuthorizedKeys.isEmpty();
    }
}
