package org.depositservices.packaging;

import java.time.ZonedDateTime;

/**
 * Everything a {@link PackageProvider} knows about the one package being built. Immutable: the same context is
 * handed to every call for that package, on every write.
 *
 * @param options     completed with the spec's defaults: archive, compression and algorithms are set
 * @param packageName the file name, with extension (e.g. {@code bagit_2026-11-23_10-01-02_42.zip})
 * @param baseName    the file name without extension; the bag directory for BagIt
 * @param createdAt   when the package was assembled, to the second; used for names, dates and archive entry times
 */
public record PackageContext(DepositSubmission submission, PackageOptions options, String packageName,
                             String baseName, ZonedDateTime createdAt) {
}
