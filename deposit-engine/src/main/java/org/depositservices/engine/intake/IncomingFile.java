package org.depositservices.engine.intake;

import java.io.IOException;
import java.io.InputStream;

/**
 * One uploaded file part: the filename the client gave it, its declared content type, and its bytes (read once).
 */
public record IncomingFile(String filename, String contentType, Opener bytes) {

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }
}
