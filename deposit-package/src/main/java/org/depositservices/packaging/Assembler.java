package org.depositservices.packaging;

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
}
