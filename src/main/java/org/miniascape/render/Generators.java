package org.miniascape.render;

import java.util.List;

/** Every generator of {@code build}, in the order they run (the order does not change any output). */
public final class Generators {

    private Generators() {
    }

    public static List<Generator> all() {
        return List.of(
                new SiteJsonGenerator(),
                new NetworkFilesGenerator(),
                new HostFilesGenerator(),
                new org.miniascape.render.guest.GuestFilesGenerator(),
                new org.miniascape.render.host.HostServicesGenerator());
    }
}
