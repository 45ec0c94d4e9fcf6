package org.depositservices.packaging;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared test corpus (../shared/corpus): data and independent oracles gathered from public sources. */
public final class Corpus {
    private Corpus() {
    }

    /** The corpus directory: the system property {@code corpus.dir} set by surefire, else relative to the module. */
    public static Path dir() {
        String property = System.getProperty("corpus.dir");
        Path dir = property != null && !property.isBlank() ? Path.of(property) : Path.of("../../shared/corpus");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("test corpus not found at " + dir.toAbsolutePath()
                    + "; set -Dcorpus.dir=/path/to/shared/corpus");
        }
        return dir;
    }

    public static Path resolve(String relative) {
        return dir().resolve(relative);
    }
}
