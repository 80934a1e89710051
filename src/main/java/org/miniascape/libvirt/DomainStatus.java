package org.miniascape.libvirt;

import java.util.Locale;

/** A libvirt domain as the host has it. */
public record DomainStatus(String name, State state, boolean persistent) {

    /** libvirt's virDomainState, in its order. */
    public enum State {
        NOSTATE, RUNNING, BLOCKED, PAUSED, SHUTDOWN, SHUTOFF, CRASHED, PMSUSPENDED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean active() {
        return state != State.SHUTOFF && state != State.NOSTATE;
    }
}
