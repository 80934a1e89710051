package org.miniascape.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.libvirt.VolumeStatus;
import org.miniascape.testing.LibvirtSandbox;
import org.miniascape.testing.Tools;

/**
 * repack and unpack against a real libvirtd: a running TCG guest is refused, a guest on pool volumes (a qcow2
 * overlay on a base) is bundled once shut off, and the bundle is unpacked into another pool and defined.
 */
@Tag("integration")
class BundleIntegrationTest {
    @RegisterExtension
    static final LibvirtSandbox LIBVIRT = new LibvirtSandbox();

    @TempDir
    Path dir;

    static String pool(String name, Path path) {
        return "<pool type='dir'><name>" + name + "</name><target><path>" + path + "</path></target></pool>";
    }

    @Test
    void repackFromVolumesThenUnpackIntoAnotherPool() {
        Path images = dir.resolve("images");
        Path other = dir.resolve("other");
        try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
            for (String[] p : new String[][] {{"bpool", images.toString()}, {"upool", other.toString()}}) {
                hv.definePool(pool(p[0], Path.of(p[1])));
                hv.buildPool(p[0]);
                hv.startPool(p[0]);
            }
            VolumeStatus base = hv.createVolume("bpool", "<volume><name>base.qcow2</name>"
                    + "<capacity unit='M'>64</capacity><target><format type='qcow2'/><compat>1.1</compat></target>"
                    + "</volume>");
            Tools.assertSucceeds("qemu-io", "-f", "qcow2", "-c", "write -P 0x61 0 1M", base.path());
            VolumeStatus web = hv.createVolume("bpool", "<volume><name>web.qcow2</name><capacity unit='M'>64</capacity>"
                    + "<target><format type='qcow2'/><compat>1.1</compat></target>"
                    + "<backingStore><path>" + base.path() + "</path><format type='qcow2'/></backingStore></volume>");
            hv.defineDomain("<domain type='qemu'><name>web</name><memory unit='MiB'>64</memory>"
                    + "<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>"
                    + "<disk type='volume' device='disk'><driver name='qemu' type='qcow2'/>"
                    + "<source pool='bpool' volume='web.qcow2'/><target dev='vda' bus='virtio'/></disk>"
                    + "</devices></domain>");
            hv.startDomain("web");

            RepackTest.Run running = RepackTest.miniascape("repack", "web", "--connect", LIBVIRT.uri(),
                    "-w", dir.resolve("w").toString());
            assertThat(running.exit()).isEqualTo(3);
            assertThat(running.err()).contains("domain 'web' is running");

            hv.stopDomain("web");
            RepackTest.Run r = RepackTest.miniascape("repack", "web", "--connect", LIBVIRT.uri(),
                    "-w", dir.resolve("w").toString(), "--archive", "tar.gz");
            assertThat(r.exit()).as(r.err()).isZero();
            Path bundle = dir.resolve("w/vm-web-0.1");
            assertThat(bundle.resolve("images/base.qcow2")).exists();
            Tools.assertSucceeds("qemu-img", "compare", "-f", "qcow2", "-F", "qcow2", web.path(),
                    bundle.resolve("images/web.qcow2").toString());

            RepackTest.Run exists = RepackTest.miniascape("unpack", dir.resolve("w/vm-web-0.1.tar.gz").toString(),
                    "--connect", LIBVIRT.uri(), "--pool", "upool", "-w", dir.resolve("xml").toString());
            assertThat(exists.exit()).isEqualTo(3);
            assertThat(exists.err()).contains("a domain named 'web' is already defined");

            hv.undefineDomain("web");
            RepackTest.Run u = RepackTest.miniascape("unpack", dir.resolve("w/vm-web-0.1.tar.gz").toString(),
                    "--connect", LIBVIRT.uri(), "--pool", "upool", "-w", dir.resolve("xml").toString());
            assertThat(u.exit()).as(u.err()).isZero();
            assertThat(u.out()).contains("defined: web on " + LIBVIRT.uri());
            assertThat(hv.domainXml("web", true)).contains("<source file='" + other.resolve("web.qcow2") + "'");
            assertThat(hv.volumes("upool")).extracting(VolumeStatus::name).containsExactly("base.qcow2", "web.qcow2");
            assertThat(hv.volumeXml("upool", "web.qcow2")).contains("<path>" + other.resolve("base.qcow2") + "</path>");
            // The unpacked guest starts: libvirt accepts the relative chain.
            hv.startDomain("web");
            hv.stopDomain("web");
            // The bundle's Makefile removes it again (its flags are those of the RPM's %preun).
            Tools.assertSucceeds("make", "-s", "-C", bundle.toString(), "undefine", "VIRSH=virsh -c " + LIBVIRT.uri());
            assertThat(hv.domain("web")).isEmpty();
            for (String p : new String[] {"bpool", "upool"}) {
                for (VolumeStatus v : hv.volumes(p)) {
                    hv.deleteVolume(p, v.name());
                }
                hv.stopPool(p);
                hv.undefinePool(p);
            }
        }
    }
}
