package org.depositservices.packaging;

import java.io.IOException;
import java.io.InputStream;

/** Tells a file's media type from its first bytes and its name, while it is being packaged. */
@FunctionalInterface
public interface MediaTypeDetector {

    /**
     * @param in       supports mark/reset and is positioned at the first byte; the detector may read ahead but must
     *                 leave it at the first byte
     * @param fileName the file's name, a hint
     * @return a media type such as {@code application/pdf}; {@code application/octet-stream} when unknown
     * @throws IOException when reading fails; the write of the package fails
     */
    String detect(InputStream in, String fileName) throws IOException;
}
