package org.depositservices.packaging;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a submission into a package of one spec. Assembling is cheap and checks what the spec requires up front
 * (throwing {@link PackagingException} naming the missing field); the bytes are produced only when the returned
 * stream is written.
 */
public interface Assembler {

    /** The spec identifier, e.g. {@code http://purl.org/net/sword/package/BagIt}. */
    String spec();

    /**
     * Other names repositories.json may use for this spec ({@code assembler.specification}), e.g. {@code bagit};
     * compared ignoring case. Empty by default.
     */
    default Set<String> aliases() {
        return Set.of();
    }

    /**
     * @throws PackagingException when the submission lacks what the spec requires, or an option is invalid
     */
    PackageStream assemble(DepositSubmission submission, PackageOptions options);

    /**
     * Assembles with a given package time (its name, the dates in its metadata) instead of now: the engine passes the
     * submission's creation, so every attempt of a deposit makes a package of the same name, with the same assembler
     * that checked the configuration. An assembler whose packages carry no time may ignore it (the default).
     *
     * @throws PackagingException when the submission lacks what the spec requires, or an option is invalid
     */
    default PackageStream assemble(DepositSubmission submission, PackageOptions options, Instant packageTime) {
        return assemble(submission, options);
    }

    /**
     * The name, without extension, that {@link #assemble(DepositSubmission, PackageOptions, Instant)} gives the
     * package of {@code submission} at {@code packageTime}, without assembling it: how a repository's report that
     * quotes a package name is matched to its deposit. Empty for an assembler whose names are not stable.
     */
    default Optional<String> baseName(DepositSubmission submission, Instant packageTime) {
        return Optional.empty();
    }
}
