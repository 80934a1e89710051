package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.config.SiteLoader;
import org.miniascape.libvirt.DhcpLease;
import org.miniascape.libvirt.HostReader;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.model.Site;
import org.miniascape.resolve.GuestVolumes;
import org.miniascape.testing.Cli;
import org.miniascape.testing.TestDriver;

/** 'status' in process against prepared test-driver hosts; leases and SSH through stand-ins where noted. */
class StatusCommandTest {
    static final Path SITE = Path.of("src/test/resources/apply/site.yml").toAbsolutePath();

    @TempDir
    Path dir;
    Path guests;
    Site site;

    @BeforeEach
    void files() throws IOException {
        guests = dir.resolve("guests.yml");
        Files.writeString(guests, Files.readString(Path.of("src/test/resources/status/guests.yml"))
                .replace("@POOL@", dir.resolve("pool").toString()));
        site = SiteLoader.load(List.of(SITE.toString(), guests.toString()));
    }

    Cli.Run status(String uri, String... more) {
        List<String> args = new ArrayList<>(List.of("status", "-C", SITE.toString(), "-C", guests.toString(),
                "--connect", uri));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    String pool() {
        return "<pool type='dir'><name>mia-pool</name><target><path>" + dir.resolve("pool") + "</path></target></pool>";
    }

    /** The site's networks, mia-vm as the site defined it (running), mia-two without the site's mark, the pool. */
    String preparedHost() throws IOException {
        Files.createDirectories(dir.resolve("pool"));
        List<String> objects = new ArrayList<>(List.of(MarkedHost.networks(site)));
        objects.add(MarkedHost.domain(site, "mia-vm"));
        objects.add(GuestVolumes.domainXml(site.guest("mia-two").orElseThrow(), site, Optional.empty(),
                Optional.empty()));
        objects.add(pool());
        return TestDriver.uri(dir, objects.toArray(String[]::new));
    }

    @Test
    void probe() throws Exception {
        Cli.Run a = status(TestDriver.uri(dir));
        System.out.println(a);
        Cli.Run b = status(preparedHost());
        System.out.println(b);
        Cli.Run c = status(preparedHost(), "-o", "json");
        System.out.println(c);
    }
}
