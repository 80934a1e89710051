package org.miniascape.render;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.miniascape.exec.Executor;

/** Every generator of {@code build}, in the order they run (the order does not change any output). */
public final class Generators {

    private Generators() {
    }

    /** Every template the generators render, for {@link Templates#prepare}. */
    public static List<String> templateNames() {
        return all(Optional.empty()).stream().flatMap(g -> g.templateNames().stream()).toList();
    }

    /** {@code dot}: the Graphviz program that draws host/topology.svg; empty for none (no svg). */
    public static List<Generator> all(Optional<Path> dot) {
        return List.of(
                new SiteJsonGenerator(),
                new NetworkFilesGenerator(),
                new HostFilesGenerator(),
                new org.miniascape.render.guest.GuestFilesGenerator(),
                new org.miniascape.render.host.HostServicesGenerator(),
                new org.miniascape.render.host.AccessFilesGenerator(),
                new org.miniascape.render.host.HostNetworksGenerator(),
                new org.miniascape.render.host.TopologyGenerator(dot, new Executor()));
    }
}
