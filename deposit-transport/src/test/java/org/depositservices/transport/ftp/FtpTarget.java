package org.depositservices.transport.ftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TargetFixture;
import org.depositservices.transport.Transport;
import org.depositservices.transport.remote.RemoteTestConfig;

/**
 * An {@link EmbeddedFtpServer} serving {@code dir}/target, and an FTP transport (binary, passive, spooling to
 * {@code dir}/spool) depositing into its {@code /deposits/%s}.
 */
public final class FtpTarget implements TargetFixture {

    private final Path home;
    private final Path spool;
    private final EmbeddedFtpServer server;
    private final FtpTransport transport;

    private FtpTarget(Path home, Path spool, Clock clock) throws Exception {
        this.home = home;
        this.spool = spool;
        this.server = new EmbeddedFtpServer(home, null);
        this.transport = new FtpTransport("ftp", clock, spool);
    }

    public static FtpTarget start(Path dir, Clock clock) throws Exception {
        return new FtpTarget(Files.createDirectories(dir.resolve("target")),
                Files.createDirectories(dir.resolve("spool")), clock);
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public RepositoryConfig config() {
        return RemoteTestConfig.config("ftp-target", "simple", Map.of(
                "protocol", "ftp",
                "server-fqdn", "127.0.0.1",
                "server-port", String.valueOf(server.port()),
                "username", EmbeddedFtpServer.USER,
                "password", EmbeddedFtpServer.PASSWORD,
                "data-type", "binary",
                "use-pasv", "true",
                "default-directory", "/deposits/%s",
                "connect-timeout-ms", "5000",
                "data-timeout-ms", "10000"));
    }

    @Override
    public List<String> traces() throws IOException {
        List<String> traces = new ArrayList<>(TargetFixture.filesUnder("target", home));
        traces.addAll(TargetFixture.filesUnder("spool", spool));
        return traces;
    }

    @Override
    public byte[] delivered(String name) throws IOException {
        return TargetFixture.fileNamed(home, name);
    }

    @Override
    public void close() {
        server.close();
    }
}
