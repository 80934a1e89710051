package org.miniascape.render;

import java.util.List;

/** Every generator of {@code build}, in the order they run (the order does not change any output). */
public final class Generators {

    private Generators() {
    }

    /** Every template the generators render, for {@link Templates#prepare}. */
    public static List<String> templateNames() {
        return all().stream().flatMap(g -> g.templateNames().stream()).toList();
    }

    public static List<Generator> all() {
        return List.of(
                new SiteJsonGenerator(),
                new NetworkFilesGenerator(),
                new HostFilesGenerator(),
                new org.miniascape.render.guest.GuestFilesGenerator(),
                new org.miniascape.render.host.HostServicesGenerator(),
                new org.miniascape.render.host.AccessFilesGenerator());
    }
}
