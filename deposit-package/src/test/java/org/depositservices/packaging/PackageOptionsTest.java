package org.depositservices.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.depositservices.packaging.simple.SimpleZipPackageProvider;
import org.junit.jupiter.api.Test;

/** assembler.options of repositories.json, and finding assemblers by the names repositories.json uses. */
class PackageOptionsTest {

    @Test
    void readsArchiveCompressionAndAlgorithmsAndKeepsTheRestForTheSpec() {
        PackageOptions o = PackageOptions.fromConfig(Map.of("archive", "TAR", "compression", "gzip",
                "algorithms", List.of("sha-512", "MD5"), "bag-info", Map.of("Source-Organization", "JHU")));

        assertThat(o.archive()).isEqualTo(PackageOptions.Archive.TAR);
        assertThat(o.compression()).isEqualTo(PackageOptions.Compression.GZIP);
        assertThat(o.algorithms()).containsExactly(ChecksumAlgorithm.SHA512, ChecksumAlgorithm.MD5);
        assertThat(o.specOptions()).containsOnlyKeys("bag-info");
        assertThat(PackageOptions.fromConfig(Map.of("algorithms", "sha256, md5")).algorithms())
                .containsExactly(ChecksumAlgorithm.SHA256, ChecksumAlgorithm.MD5);
    }

    @Test
    void wrongValuesAreRefusedNamingTheKeyAndWhatItMayBe() {
        assertThatThrownBy(() -> PackageOptions.fromConfig(Map.of("archive", "rar")))
                .hasMessage("archive: 'rar' is not one of zip, tar, none");
        assertThatThrownBy(() -> PackageOptions.fromConfig(Map.of("algorithms", List.of("crc32"))))
                .hasMessageStartingWith("algorithms: unknown checksum algorithm 'crc32'");
    }

    @Test
    void unsetValuesTakeTheSpecsDefaults() {
        PackageOptions defaults = new PackageOptions(PackageOptions.Archive.ZIP, PackageOptions.Compression.NONE,
                List.of(ChecksumAlgorithm.SHA512), Map.of());

        PackageOptions o = PackageOptions.fromConfig(Map.of("compression", "gzip")).withDefaults(defaults);

        assertThat(o.archive()).isEqualTo(PackageOptions.Archive.ZIP);
        assertThat(o.compression()).isEqualTo(PackageOptions.Compression.GZIP);
        assertThat(o.algorithms()).containsExactly(ChecksumAlgorithm.SHA512);
        assertThat(PackageOptions.fromConfig(null)).isEqualTo(PackageOptions.defaults());
    }

    @Test
    void assemblersAreFoundBySpecOrAliasIgnoringCase() {
        Assemblers assemblers = Assemblers.discover(Clock.systemUTC());

        assertThat(assemblers.require("BagIt").spec()).isEqualTo("http://purl.org/net/sword/package/BagIt");
        assertThat(assemblers.require("http://purl.org/net/sword/package/bagit").spec())
                .isEqualTo("http://purl.org/net/sword/package/BagIt");
        assertThat(assemblers.require(" simple ").spec()).isEqualTo("http://purl.org/net/sword/package/SimpleZip");
        assertThat(assemblers.require("nihms-native-2017-07").spec()).isEqualTo("nihms-native-2017-07");
        assertThat(assemblers.require("METSDSpaceSIP").spec())
                .isEqualTo("http://purl.org/net/sword/package/METSDSpaceSIP");
        assertThatThrownBy(() -> assemblers.require("rar-bag"))
                .isInstanceOf(PackagingException.class)
                .hasMessageContaining("unknown package spec 'rar-bag'")
                .hasMessageContaining("bagit").hasMessageContaining("simple").hasMessageContaining("nihms");
    }

    @Test
    void twoAssemblersClaimingOneNameAreRefused() {
        Clock clock = Clock.systemUTC();
        Assembler a = new ArchivingAssembler(new SimpleZipPackageProvider(), clock);
        Assembler b = new ArchivingAssembler(new SimpleZipPackageProvider(), clock);

        assertThatThrownBy(() -> new Assemblers(List.of(a, b)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claimed by both");
    }
}
