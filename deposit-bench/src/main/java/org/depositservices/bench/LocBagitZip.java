package org.depositservices.bench;

import gov.loc.repository.bagit.creator.BagCreator;
import gov.loc.repository.bagit.hash.StandardSupportedAlgorithms;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The reference BagIt packaging is compared with: the Library of Congress's bagit-java 5.2.0 makes a bag in
 * place (SHA-512 payload and tag manifests), then java.util.zip zips the bag directory into one file, the way a
 * deposit tool built on bagit-java would.
 *
 * <p>Every entry is DEFLATED: at level 0 for files of a type already compressed (here: names ending in .pdf), as our
 * packager knows from the media type, at the default level for everything else, tag files included, as java.util.zip
 * does unless told otherwise. So with .pdf files both zips do the same compression work; with .bin files our packager
 * finds from a sample of each file that random bytes do not compress, and this reference deflates them, as a tool
 * built on bagit-java and java.util.zip would. (STORED would need each CRC before the bytes, i.e. reading every file
 * twice; our packager stores such files only because the content store recorded their CRC-32.)
 */
final class LocBagitZip {
    static final int BUFFER = 64 * 1024;

    /** What one run took. */
    record Result(long createNanos, long zipNanos, long zipBytes) {
        long totalNanos() {
            return createNanos + zipNanos;
        }
    }

    /** Is a payload file of this name passed through at level 0 by our packager? */
    static final Predicate<String> ALREADY_COMPRESSED = name -> name.toLowerCase(Locale.ROOT).endsWith(".pdf");

    private LocBagitZip() {
    }

    /**
     * Bags {@code bagDir} in place (its files move into {@code data/}) and zips it into {@code zipFile}, entries
     * under {@code <bagDir name>/}. Times both steps.
     *
     * @param bagDir a directory holding only the payload files (a throwaway copy: bagging moves them)
     */
    static Result bagAndZip(Path bagDir, Path zipFile) throws IOException {
        long start = System.nanoTime();
        try {
            BagCreator.bagInPlace(bagDir, List.of(StandardSupportedAlgorithms.SHA512), false);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JCA lacks SHA-512, which bagit-java asked for", e);
        }
        long created = System.nanoTime();
        long bytes = zip(bagDir, zipFile);
        return new Result(created - start, System.nanoTime() - created, bytes);
    }

    /** Zips every regular file under {@code dir}, sorted by path; returns the zip's size. */
    static long zip(Path dir, Path zipFile) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        String root = dir.getFileName().toString() + "/";
        byte[] buffer = new byte[BUFFER];
        try (OutputStream file = Files.newOutputStream(zipFile);
             ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(file, BUFFER))) {
            for (Path f : files) {
                String name = root + dir.relativize(f).toString().replace('\\', '/');
                boolean payload = name.startsWith(root + "data/");
                zip.setLevel(payload && ALREADY_COMPRESSED.test(name) ? Deflater.NO_COMPRESSION
                        : Deflater.DEFAULT_COMPRESSION);
                zip.putNextEntry(new ZipEntry(name));
                try (InputStream in = Files.newInputStream(f)) {
                    int n;
                    while ((n = in.read(buffer)) != -1) {
                        zip.write(buffer, 0, n);
                    }
                }
                zip.closeEntry();
            }
        }
        return Files.size(zipFile);
    }
}
