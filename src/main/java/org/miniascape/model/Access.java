package org.miniascape.model;

import java.util.List;
import java.util.Optional;

/**
 * How one logs into a guest: root's password, always a crypt(3) hash (never plaintext), root's SSH keys, and the
 * other accounts ({@code users}, in the order the site lists them).
 */
public record Access(Optional<String> rootPasswordHash, List<String> sshAuthorizedKeys, List<User> users) {

    /** Root's access only. */
    public Access(Optional<String> rootPasswordHash, List<String> sshAuthorizedKeys) {
        this(rootPasswordHash, sshAuthorizedKeys, List.of());
    }

    /** Somebody can log in: root or a user has a password or a key. */
    public boolean hasWayIn() {
        return rootPasswordHash.isPresent() || !sshAuthorizedKeys.isEmpty() || users.stream().anyMatch(User::canLogIn);
    }

    /** Some user has {@code sudo: true}. */
    public boolean anySudo() {
        return users.stream().anyMatch(User::sudo);
    }
}
