package org.depositservices.packaging;

/**
 * Turns a submission into a package of one spec. Assembling is cheap and checks what the spec requires up front
 * (throwing {@link PackagingException} naming the missing field); the bytes are produced only when the returned
 * stream is written.
 */
public interface Assembler {

    /** The spec identifier, e.g. {@code http://purl.org/net/sword/package/BagIt}. */
    String spec();

    /**
     * @throws PackagingException when the submission lacks what the spec requires, or an option is invalid
     */
    PackageStream assemble(DepositSubmission submission, PackageOptions options);
}
