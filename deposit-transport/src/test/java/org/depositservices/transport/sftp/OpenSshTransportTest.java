package org.depositservices.transport.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.depositservices.transport.DepositAttempt;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransportResponse;
import org.depositservices.transport.TransportSession;
import org.depositservices.transport.remote.BytesPackage;
import org.depositservices.transport.remote.RemoteTestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SFTP transport against Debian's stock OpenSSH server (see {@link OpenSshServer}), whose host keys, key
 * exchange and SFTP are OpenSSH's, not our library's. known_hosts files are made by OpenSSH's own ssh-keyscan, as
 * an operator would make them; what arrives is read back from the server's disk.
 */
class OpenSshTransportTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final String NAME = "bagit_sub-1.zip";

    @TempDir
    Path serverDir;
    @TempDir
    Path work;
    @TempDir
    Path spool;
    private OpenSshServer server;
    private SftpTransport transport;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private OpenSshServer start(String hostKeyTypes, String... configLines) throws Exception {
        server = OpenSshServer.start(serverDir, hostKeyTypes, configLines);
        transport = new SftpTransport(CLOCK, spool);
        return server;
    }

    /** known_hosts as the README tells operators to make it: ssh-keyscan's output. */
    private Path knownHosts(String... keyscanOptions) throws Exception {
        return Files.writeString(work.resolve("known_hosts"), server.keyscan(keyscanOptions));
    }

    private RepositoryConfig config(Path knownHosts, String... overrides) {
        Map<String, String> b = new HashMap<>(Map.of(
                "protocol", "sftp",
                "server-fqdn", "127.0.0.1",
                "server-port", String.valueOf(server.port()),
                "username", server.user(),
                "known-hosts", knownHosts.toString(),
                "default-directory", "incoming",
                "connect-timeout-ms", "10000",
                "data-timeout-ms", "20000"));
        if (server.password() != null) {
            b.put("password", server.password());
        }
        return RemoteTestConfig.config("bag-receiver", "bagit", b, overrides);
    }

    /** Deposits a package of 300 kB through the transport's own open/send/close and checks what sshd stored. */
    private TransportResponse depositAndCheck(RepositoryConfig config) throws Exception {
        BytesPackage pkg = BytesPackage.random(NAME, 300_000, 42);
        TransportResponse r;
        try (TransportSession session = transport.open(config)) {
            r = session.send(pkg, new DepositAttempt("dep-1", "sub-1", "tok-1", 1));
        } catch (Exception e) {
            throw new AssertionError(e.getMessage() + "\n--- sshd log ---\n" + server.log(), e);
        }
        Path received = server.uploadDir().resolve("incoming").resolve(NAME);
        assertThat(received).hasBinaryContent(pkg.bytes());
        // Written by sshd as the account that logged in: it went through OpenSSH, not around it.
        assertThat(Files.readAttributes(received, PosixFileAttributes.class).owner().getName())
                .isEqualTo(server.user());
        try (var names = Files.list(received.getParent())) {
            assertThat(names).as("no temporary file left").containsExactly(received);
        }
        assertThat(r.depositStatusRef()).isEqualTo("sftp://127.0.0.1:" + server.port()
                + server.uploadDir().resolve("incoming").resolve(NAME));
        return r;
    }

    @Test
    void depositsWithAPasswordToAServerWithOnlyAnEd25519HostKey() throws Exception {
        start("ed25519");
        server.requirePasswordLogin();

        TransportResponse r = depositAndCheck(config(knownHosts()));

        assertThat(r.custody()).isEqualTo(TransportResponse.Custody.SUBMITTED);
        assertThat(server.log()).contains("Accepted password for " + server.user());
    }

    @Test
    void aServerWithOnlyAnOldKeyExchangeGetsTheSameKindOfMessage() throws Exception {
        start("ed25519", "KexAlgorithms diffie-hellman-group1-sha1");
        Path knownHosts = Files.writeString(work.resolve("known_hosts"), "[127.0.0.1]:" + server.port() + " "
                + Files.readString(serverDir.resolve("host_ed25519.pub")));
        Path key = server.authorizeNewKey("ed25519");

        assertThatThrownBy(() -> transport.open(config(knownHosts, "password", null, "private-key", key.toString())))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("no algorithm in common for kex algorithms: the server offers "
                        + "[diffie-hellman-group1-sha1], we support [")
                .hasMessageContaining("curve25519-sha256")
                .hasMessageNotContaining("host keys:")
                .hasMessageNotContaining("check username/password");
    }

    @Test
    void aWrongPasswordIsStillARefusedLogin() throws Exception {
        start("ed25519");
        server.requirePasswordLogin();

        assertThatThrownBy(() -> transport.open(config(knownHosts(), "password", "not-" + server.password())))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("as '" + server.user() + "' was refused")
                .hasMessageContaining("check username/password")
                .hasMessageNotContaining(server.password());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa", "ecdsa-384", "ecdsa-521", "rsa"})
    void depositsWithAUserKeyOfEachSupportedType(String keyType) throws Exception {
        start("ed25519");
        Path key = server.authorizeNewKey(keyType);

        depositAndCheck(config(knownHosts(), "password", null, "private-key", key.toString()));

        assertThat(server.log()).contains("Accepted publickey for " + server.user());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa", "ecdsa-384", "ecdsa-521", "rsa"})
    void acceptsEachSupportedHostKeyTypeRecordedInKnownHosts(String hostKeyType) throws Exception {
        start(hostKeyType);
        Path key = server.authorizeNewKey("ed25519");

        depositAndCheck(config(knownHosts(), "password", null, "private-key", key.toString()));
    }

    @Test
    void aServerWithSeveralHostKeysPresentsTheOneKnownHostsRecords() throws Exception {
        // A stock Debian server has ed25519, ECDSA and RSA host keys; an operator may have recorded only one.
        start("ed25519,ecdsa");
        Path key = server.authorizeNewKey("ed25519");
        Path onlyEcdsa = knownHosts("-t", "ecdsa");
        assertThat(Files.readString(onlyEcdsa)).contains("ecdsa-sha2-nistp256").doesNotContain("ssh-ed25519");

        depositAndCheck(config(onlyEcdsa, "password", null, "private-key", key.toString()));
    }

    @Test
    void hashedKnownHostsEntriesMatch() throws Exception {
        start("ed25519");
        Path key = server.authorizeNewKey("ecdsa");
        Path hashed = knownHosts("-H");
        assertThat(Files.readString(hashed)).startsWith("|1|").doesNotContain("127.0.0.1");

        depositAndCheck(config(hashed, "password", null, "private-key", key.toString()));
    }

    @Test
    void aChangedEd25519HostKeyIsRefusedAndNamesBothFingerprints() throws Exception {
        start("ed25519");
        Path other = server.keygen("ed25519", "another_host_key");
        String otherKey = Files.readString(Path.of(other + ".pub")).trim();
        Path knownHosts = Files.writeString(work.resolve("known_hosts"),
                "[127.0.0.1]:" + server.port() + " " + otherKey + "\n");
        Path key = server.authorizeNewKey("ed25519");

        assertThatThrownBy(() -> transport.open(config(knownHosts, "password", null, "private-key", key.toString())))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("does not match known_hosts file " + knownHosts.toAbsolutePath())
                .hasMessageContaining("presented ssh-ed25519 SHA256:")
                .hasMessageContaining("records ssh-ed25519 SHA256:");
        assertThat(server.uploadDir().resolve("incoming")).doesNotExist();
    }

    @Test
    void aServerOfferingOnlyAnUnsupportedHostKeyAlgorithmGetsAMessageSayingSo() throws Exception {
        // ssh-rsa signs with SHA-1: OpenSSH's own client has refused it since 8.8, and so do we.
        start("rsa", "HostKeyAlgorithms ssh-rsa");
        Path knownHosts = knownHosts();
        Path key = server.authorizeNewKey("ed25519");

        assertThatThrownBy(() -> transport.open(config(knownHosts, "password", null, "private-key", key.toString())))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("SFTP server 127.0.0.1:" + server.port())
                .hasMessageContaining("no algorithm in common for server host key algorithms: the server offers "
                        + "[ssh-rsa], we support [")
                .hasMessageContaining("ssh-ed25519")
                .hasMessageContaining("ecdsa-sha2-nistp256")
                .hasMessageContaining("rsa-sha2-512")
                .hasMessageContaining("rsa-sha2-256")
                .hasMessageContaining("an ed25519, ECDSA or RSA key")
                .hasMessageNotContaining("check username/password");
    }
}
