package org.depositservices.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.depositservices.model.FileRole;
import org.depositservices.model.Publication;
import org.depositservices.model.SubmissionFile;
import org.depositservices.model.SubmissionMetadata;
import org.depositservices.packaging.Assembler;
import org.depositservices.packaging.Assemblers;
import org.depositservices.packaging.ArchivingAssembler;
import org.depositservices.packaging.ChecksumAlgorithm;
import org.depositservices.packaging.DepositSubmission;
import org.depositservices.packaging.PackageContext;
import org.depositservices.packaging.PackageOptions;
import org.depositservices.packaging.PackageProvider;
import org.depositservices.packaging.PackagedFile;
import org.depositservices.packaging.SupplementalResource;
import org.depositservices.transport.TransportRegistry;
import org.depositservices.transport.config.Repositories;
import org.depositservices.transport.filesystem.FilesystemTransport;
import org.junit.jupiter.api.Test;

/**
 * Deposits use the assemblers and transports that checked the configuration at start-up: a spec added by a host
 * passes the check and then packages every deposit (it used to pass, then fail each deposit, when the engine built
 * its own list per attempt), and every attempt of a deposit gets the same package name.
 */
class RepositoryTargetsTest {

    /** A spec this host adds to the discovered ones: a zip with a README. */
    static final class ReadmeProvider implements PackageProvider {
        @Override
        public String spec() {
            return "urn:example:readme";
        }

        @Override
        public String shortName() {
            return "readme";
        }

        @Override
        public PackageOptions defaults() {
            return new PackageOptions(PackageOptions.Archive.ZIP, PackageOptions.Compression.NONE,
                    List.of(ChecksumAlgorithm.SHA256), Map.of());
        }

        @Override
        public Set<String> supplementalPaths(PackageContext c) {
            return Set.of("README.txt");
        }

        @Override
        public String custodialPath(PackageContext c, String fileName) {
            return "files/" + fileName;
        }

        @Override
        public List<SupplementalResource> supplementalResources(PackageContext c, List<PackagedFile> files) {
            return List.of(SupplementalResource.text("README.txt", "text/plain", files.size() + " files\n"));
        }
    }

    @Test
    void aSpecTheHostAddedPassesTheCheckAndPackagesEveryAttemptUnderOneName() {
        List<Assembler> all = new ArrayList<>(Assemblers.discover(Clock.systemUTC()).all());
        all.add(new ArchivingAssembler(new ReadmeProvider(), Clock.systemUTC()));
        Assemblers assemblers = new Assemblers(all);
        TransportRegistry transports = new TransportRegistry(List.of(new FilesystemTransport()));
        Repositories repositories = Repositories.parse("test.json", """
                {"r": {"assembler": {"specification": "readme"},
                       "transport-config": {"protocol-binding": {"protocol": "filesystem", "baseDir": "/tmp/r"}}},
                 "plain": {"transport-config": {"protocol-binding": {"protocol": "filesystem", "baseDir": "/tmp/p"}}}}""",
                k -> null, transports, spec -> assemblers.find(spec).isPresent());
        RepositoryTargets targets = new RepositoryTargets(repositories, transports, assemblers);

        RepositoryTargets.Target target = targets.target("r");
        assertThat(target.packaging()).get().extracting(Assembler::spec).isEqualTo("urn:example:readme");
        Instant created = Instant.parse("2026-12-04T10:01:02.345Z");
        DepositSubmission s = submission();
        String first = target.assembler().assemble(s, target.options(), created).name();
        String again = target.assembler().assemble(s, target.options(), created).name();
        assertThat(first).isEqualTo(again).isEqualTo("readme_2026-12-04_10-01-02_sub-1.zip");

        assertThat(targets.target("plain").spec()).as("the transport's default").isEqualTo("simple");
        assertThatThrownBy(() -> targets.target("absent")).hasMessageContaining("'absent' is not in repositories.json");
    }

    @Test
    void aRepositoryWithoutPackageIsNamedLikeOneFromThePackageTime() {
        RepositoryTargets.Target none = new RepositoryTargets.Target(null, null, Assemblers.NONE, null, null);
        assertThat(none.packaging()).isEmpty();
        assertThat(none.unpackagedName("sub/1", Instant.parse("2026-12-04T10:01:02.999Z")))
                .isEqualTo("none_2026-12-04_10-01-02_sub-1");
    }

    private static DepositSubmission submission() {
        SubmissionMetadata metadata = new SubmissionMetadata(null,
                new Publication("A title", null, null, null, null, null, null), List.of(), List.of(), null, List.of());
        SubmissionFile file = new SubmissionFile("a.pdf", FileRole.MANUSCRIPT, null, "application/pdf", 3, null, null,
                "loc", null, null);
        return new DepositSubmission("sub-1", metadata, List.of(file), f -> new ByteArrayInputStream(new byte[3]));
    }
}
