package org.miniascape.render.guest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** os_variant → pykickstart's release name, and what each release has. */
class KickstartReleaseTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "rhel5.4, RHEL5", "rhel5.11, RHEL5", "centos5.11, RHEL5", "scientificlinux5.11, RHEL5", "oel5.4, RHEL5",
            "rhel6, RHEL6", "rhel6.10, RHEL6", "centos6.10, RHEL6", "rhel6-unknown, RHEL6", "ol6.10, RHEL6",
            "rhel7, RHEL7", "rhel7.9, RHEL7", "centos7.0, RHEL7", "centos7, RHEL7", "scientificlinux7-unknown, RHEL7",
            "rhel8.10, RHEL8", "centos8, RHEL8", "centos-stream8, RHEL8", "almalinux8, RHEL8", "rocky8.6, RHEL8",
            "rocky8-unknown, RHEL8", "ol8.5, RHEL8",
            "rhel9.0, RHEL9", "rhel9.4, RHEL9", "centos-stream9, RHEL9", "almalinux9, RHEL9", "rocky9, RHEL9",
            "rhel10.0, RHEL10", "centos-stream10, RHEL10", "almalinux10, RHEL10", "rocky10, RHEL10",
            "fedora8, F8", "fedora19, F19", "fedora37, F37", "fedora40, F40", "fedora45, F45", "Fedora40, F40",
            // Out of the table's range: the nearest release it has.
            "rhel4.8, RHEL5", "rhel11.0, RHEL10", "fedora7, F8", "fedora99, F45", "fedora-rawhide, F45",
            "fedora-unknown, F45",
            // Not a release the table knows: the newest RHEL.
            "generic, RHEL10", "rhel-unknown, RHEL10", "debian12, RHEL10", "rhel-atomic-7.4, RHEL10",
            "silverblue40, RHEL10", "fedora-coreos-stable, RHEL10"})
    void osVariantNamesItsRelease(String osVariant, String release) {
        assertThat(KickstartRelease.of(osVariant).pykickstartVersion()).isEqualTo(release);
    }

    @Test
    void theHeaderNamesTheReleaseAndSaysWhenItWasGuessed() {
        assertThat(KickstartRelease.of("rocky9").headerLine()).isEqualTo("# Kickstart syntax: RHEL9 (os_variant rocky9)");
        assertThat(KickstartRelease.of("generic").headerLine()).isEqualTo("# Kickstart syntax: RHEL10 (os_variant"
                + " generic, not a release miniascape knows: the newest RHEL syntax)");
        assertThat(KickstartRelease.of("rhel4.8").headerLine()).contains("RHEL5 (os_variant rhel4.8, older than");
        assertThat(KickstartRelease.ofHeader("# a\n" + KickstartRelease.of("fedora40").headerLine() + "\ntext\n"))
                .hasValue("F40");
        assertThat(KickstartRelease.ofHeader("text\n")).isEmpty();
    }

    @Test
    void theKernelArgumentFollowsTheRelease() {
        assertThat(KickstartRelease.of("rhel5.11").kernelArg("file:/ks.cfg")).isEqualTo("ks=file:/ks.cfg");
        assertThat(KickstartRelease.of("centos6.10").kernelArg("file:/ks.cfg")).isEqualTo("ks=file:/ks.cfg");
        assertThat(KickstartRelease.of("rhel7.0").kernelArg("file:/ks.cfg")).isEqualTo("inst.ks=file:/ks.cfg");
        assertThat(KickstartRelease.of("rhel9.4").kernelArg("file:/ks.cfg")).isEqualTo("inst.ks=file:/ks.cfg");
        assertThat(KickstartRelease.of("fedora18").kernelArg("file:/ks.cfg")).isEqualTo("ks=file:/ks.cfg");
        assertThat(KickstartRelease.of("fedora19").kernelArg("file:/ks.cfg")).isEqualTo("inst.ks=file:/ks.cfg");
    }

    @Test
    void theTableCoversEveryRhelAndFedoraRelease() {
        assertThat(KickstartRelease.all()).extracting(KickstartRelease::pykickstartVersion)
                .startsWith("RHEL5", "RHEL6", "RHEL7", "RHEL8", "RHEL9", "RHEL10", "F8").endsWith("F45").hasSize(44);
    }
}
