package org.depositservices.transport.sftp;

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
 * An {@link EmbeddedSftpServer} (MINA SSHD) serving {@code dir}/target, its host key in {@code dir}/known_hosts,
 * and an SFTP transport (password login, spooling to {@code dir}/spool) depositing into
 * {@code deposits/%s} under the login directory.
 */
public final class SftpTarget implements TargetFixture {

    private final Path root;
    private final Path spool;
    private final Path knownHosts;
    private final EmbeddedSftpServer server;
    private final SftpTransport transport;

    private SftpTarget(Path dir, Clock clock) throws Exception {
        this.root = Files.createDirectories(dir.resolve("target"));
        this.spool = Files.createDirectories(dir.resolve("spool"));
        this.server = new EmbeddedSftpServer(root, null);
        this.knownHosts = Files.writeString(dir.resolve("known_hosts"),
                server.knownHostsLine(server.hostKey()) + "\n");
        this.transport = new SftpTransport(clock, spool);
    }

    public static SftpTarget start(Path dir, Clock clock) throws Exception {
        return new SftpTarget(dir, clock);
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public RepositoryConfig config() {
        return RemoteTestConfig.config("sftp-target", "simple", Map.of(
                "protocol", "sftp",
                "server-fqdn", "127.0.0.1",
                "server-port", String.valueOf(server.port()),
                "username", EmbeddedSftpServer.USER,
                "password", EmbeddedSftpServer.PASSWORD,
                "known-hosts", knownHosts.toString(),
                "default-directory", "deposits/%s",
                "connect-timeout-ms", "5000",
                "data-timeout-ms", "10000"));
    }

    @Override
    public List<String> traces() throws IOException {
        List<String> traces = new ArrayList<>(TargetFixture.filesUnder("target", root));
        traces.addAll(TargetFixture.filesUnder("spool", spool));
        return traces;
    }

    @Override
    public byte[] delivered(String name) throws IOException {
        return TargetFixture.fileNamed(root, name);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
