package org.depositservices.transport.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TargetFixture;
import org.depositservices.transport.Transport;

/** A directory {@code dir}/target and a filesystem transport writing into it. */
public final class FilesystemTarget implements TargetFixture {

    private final Path base;
    private final FilesystemTransport transport = new FilesystemTransport();

    private FilesystemTarget(Path base) {
        this.base = base;
    }

    public static FilesystemTarget start(Path dir) throws IOException {
        return new FilesystemTarget(Files.createDirectories(dir.resolve("target")));
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public RepositoryConfig config() {
        return new RepositoryConfig("local", "local", "simple", Map.of(),
                Map.of("protocol", "filesystem", "baseDir", base.toString()), List.of(), Map.of(), Map.of());
    }

    @Override
    public List<String> traces() throws IOException {
        return TargetFixture.filesUnder("target", base);
    }

    @Override
    public byte[] delivered(String name) throws IOException {
        return TargetFixture.fileNamed(base, name);
    }

    @Override
    public void close() {
        // a directory: the test's @TempDir removes it
    }
}
