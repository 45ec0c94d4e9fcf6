package org.depositservices.packaging;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MimeTypes;

/** {@link MediaTypeDetector} backed by Tika's magic-byte and file-name rules (tika-core only, no parsers). */
public final class TikaMediaTypeDetector implements MediaTypeDetector {
    private final Detector detector;

    public TikaMediaTypeDetector() {
        this(MimeTypes.getDefaultMimeTypes());
    }

    public TikaMediaTypeDetector(Detector detector) {
        this.detector = detector;
    }

    @Override
    public String detect(InputStream in, String fileName) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        // MimeTypes marks, reads at most its magic window, and resets the stream.
        return detector.detect(in, metadata).getBaseType().toString();
    }
}
