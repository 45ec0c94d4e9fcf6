package org.depositservices.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real target (a directory, an FTP or SFTP server in this JVM, a SWORD server) and a transport configured to
 * reach it, for tests that run one scenario through every transport. Closing it stops the server.
 */
public interface TargetFixture extends AutoCloseable {

    Transport transport();

    RepositoryConfig config();

    /**
     * What deliveries left where an operator would look, one line each: every file the target holds (temporary
     * uploads included), every request that carried a package (SWORD POST or PUT), every file in the transport's
     * spool directory. Empty when nothing was left behind.
     */
    List<String> traces() throws IOException;

    /** The bytes the target holds, or received, as the package named {@code name}. */
    byte[] delivered(String name) throws IOException;

    @Override
    void close() throws IOException;

    /** Every regular file under {@code root}, as "{@code label}: relative/path". */
    static List<String> filesUnder(String label, Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> label + ": " + root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    /** The one regular file named {@code name} under {@code root}, at any depth. */
    static byte[] fileNamed(Path root, String name) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> found = s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().equals(name))
                    .toList();
            if (found.size() != 1) {
                throw new AssertionError("expected one file named " + name + " under " + root + ", found " + found);
            }
            return Files.readAllBytes(found.get(0));
        }
    }
}
