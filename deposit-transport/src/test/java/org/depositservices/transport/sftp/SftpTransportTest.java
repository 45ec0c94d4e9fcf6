package org.depositservices.transport.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.depositservices.transport.sftp.EmbeddedSftpServer.PASSWORD;
import static org.depositservices.transport.sftp.EmbeddedSftpServer.USER;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.depositservices.transport.DepositAttempt;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.TransportResponse;
import org.depositservices.transport.TransportSession;
import org.depositservices.transport.remote.CorpusPackage;
import org.depositservices.transport.remote.RemoteTestConfig;
import org.depositservices.transport.remote.PackageOracle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SFTP transport against a real MINA SSHD server in this JVM. */
class SftpTransportTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T23:59:30Z"), ZoneOffset.UTC);
    private static final String NAME = "bagit_sub-1.zip";
    private static final String RELATIVE_DAY_DIR = "home/depositor/deposits/2026-11-23";

    @TempDir
    Path root;
    @TempDir
    Path work;
    @TempDir
    Path spool;
    private KeyPair clientKey;
    private EmbeddedSftpServer server;
    private SftpTransport transport;
    private Path knownHosts;

    @BeforeEach
    void start() throws Exception {
        clientKey = EmbeddedSftpServer.newKeyPair();
        server = new EmbeddedSftpServer(root, clientKey.getPublic());
        knownHosts = Files.writeString(work.resolve("known_hosts"), server.knownHostsLine(server.hostKey()) + "\n");
        transport = new SftpTransport(CLOCK, spool);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private RepositoryConfig config(int port, String... overrides) {
        Map<String, String> b = new HashMap<>(Map.of(
                "protocol", "sftp",
                "server-fqdn", "127.0.0.1",
                "server-port", String.valueOf(port),
                "username", USER,
                "password", PASSWORD,
                "known-hosts", knownHosts.toString(),
                "default-directory", "deposits/%s",
                "connect-timeout-ms", "5000",
                "data-timeout-ms", "10000"));
        return RemoteTestConfig.config("bag-receiver", "bagit", b, overrides);
    }

    private RepositoryConfig config(String... overrides) {
        return config(server.port(), overrides);
    }

    private static DepositAttempt attempt(String token) {
        return new DepositAttempt("dep-7", "sub-1", token, 1);
    }

    private TransportResponse send(RepositoryConfig config, DepositAttempt attempt) throws TransportException {
        try (TransportSession session = transport.open(config)) {
            return session.send(CorpusPackage.sample1(NAME), attempt);
        }
    }

    private Path writePrivateKey(String passphrase) throws Exception {
        Path file = work.resolve(passphrase == null ? "id_ecdsa" : "id_ecdsa_encrypted");
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setPassword(passphrase);
            encryption.setCipherName("AES");
            encryption.setCipherMode("CTR");
            encryption.setCipherType("256");
            encryption.setKdfRounds(2); // the default 16 bcrypt rounds only slow the test down
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "depositor@test", encryption, out);
        }
        return file;
    }

    @Test
    void aRelativeDirectoryIsUnderTheLoginDirectoryAndDatedInUtc() throws Exception {
        TransportResponse r = send(config(), attempt("tok-1"));

        Path received = root.resolve(RELATIVE_DAY_DIR).resolve(NAME);
        PackageOracle.assertHoldsSample1(received);
        assertThat(PackageOracle.filesUnder(root)).containsExactly(RELATIVE_DAY_DIR + "/" + NAME);
        assertThat(r.custody()).isEqualTo(TransportResponse.Custody.SUBMITTED);
        assertThat(r.depositStatusRef())
                .isEqualTo("sftp://127.0.0.1:" + server.port() + "/" + RELATIVE_DAY_DIR + "/" + NAME);
        assertThat(r.accessUrl()).isNull();
        assertThat(server.writeOpens).hasValue(1);
    }

    @Test
    void anAbsoluteDirectoryIsTakenAsIs() throws Exception {
        TransportResponse r = send(config("default-directory", "/incoming/bags/%s"), attempt("t"));

        PackageOracle.assertHoldsSample1(root.resolve("incoming/bags/2026-11-23").resolve(NAME));
        assertThat(r.depositStatusRef()).endsWith(":" + server.port() + "/incoming/bags/2026-11-23/" + NAME);
    }

    @Test
    void logsInWithAnOpenSshPrivateKey() throws Exception {
        Path key = writePrivateKey(null);

        send(config("password", null, "private-key", key.toString()), attempt("t"));

        PackageOracle.assertHoldsSample1(root.resolve(RELATIVE_DAY_DIR).resolve(NAME));
    }

    @Test
    void logsInWithAnEncryptedPrivateKeyAndItsPassphrase() throws Exception {
        Path key = writePrivateKey("key-passphrase");

        send(config("password", null, "private-key", key.toString(), "passphrase", "key-passphrase"), attempt("t"));

        PackageOracle.assertHoldsSample1(root.resolve(RELATIVE_DAY_DIR).resolve(NAME));
    }

    @Test
    void aWrongPassphraseIsReportedByValidationAndOpen() throws Exception {
        Path key = writePrivateKey("key-passphrase");
        RepositoryConfig wrong = config("password", null, "private-key", key.toString(), "passphrase", "not-it");

        assertThat(transport.validate(wrong)).singleElement().asString()
                .startsWith("bag-receiver.transport-config.protocol-binding.private-key: cannot read private-key "
                        + key.toAbsolutePath())
                .contains("check passphrase")
                .doesNotContain("not-it");
        assertThatThrownBy(() -> transport.open(wrong))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("cannot read private-key")
                .hasMessageNotContaining("not-it");
    }

    @Test
    void aChangedHostKeyIsPermanentAndNamesHostFingerprintAndFile() throws Exception {
        KeyPair other = EmbeddedSftpServer.newKeyPair();
        Files.writeString(knownHosts, server.knownHostsLine(other.getPublic()) + "\n");

        assertThatThrownBy(() -> transport.open(config()))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("does not match known_hosts file " + knownHosts.toAbsolutePath())
                .hasMessageContaining("presented ecdsa-sha2-nistp256 " + KeyUtils.getFingerPrint(server.hostKey()))
                .hasMessageContaining("records ecdsa-sha2-nistp256 " + KeyUtils.getFingerPrint(other.getPublic()))
                .hasMessageContaining("[127.0.0.1]:" + server.port())
                .hasMessageNotContaining(PASSWORD);
        assertThat(server.writeOpens).hasValue(0);
    }

    @Test
    void anUnknownHostKeyIsPermanentAndSaysHowToAddIt() throws Exception {
        Files.writeString(knownHosts, "[other.example.org]:2222 "
                + server.knownHostsLine(server.hostKey()).split(" ", 2)[1] + "\n");

        assertThatThrownBy(() -> transport.open(config()))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("host key of SFTP server 127.0.0.1:" + server.port() + " is not known")
                .hasMessageContaining(KeyUtils.getFingerPrint(server.hostKey()))
                .hasMessageContaining(knownHosts.toAbsolutePath().toString())
                .hasMessageContaining("ssh-keyscan -p " + server.port() + " 127.0.0.1");
    }

    @Test
    void aServerOfferingOnlyAHostKeyAlgorithmWeDoNotSupportIsToldApartFromARefusedLogin() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair hostKey = rsa.generateKeyPair();
        // ssh-rsa: RSA signed with SHA-1, which OpenSSH's client no longer accepts, nor do we.
        try (EmbeddedSftpServer sha1Only = new EmbeddedSftpServer(root, null, hostKey,
                List.of(BuiltinSignatures.rsa))) {
            Files.writeString(knownHosts, sha1Only.knownHostsLine(hostKey.getPublic()) + "\n");

            assertThatThrownBy(() -> transport.open(config(sha1Only.port())))
                    .isInstanceOf(PermanentTransportException.class)
                    .hasMessageStartingWith("SFTP server 127.0.0.1:" + sha1Only.port() + " and this client have no "
                            + "algorithm in common for server host key algorithms: the server offers [ssh-rsa], we "
                            + "support [rsa-sha2-512, rsa-sha2-256, ssh-ed25519, ecdsa-sha2-nistp256, "
                            + "ecdsa-sha2-nistp384, ecdsa-sha2-nistp521]")
                    .hasMessageContaining("no login was attempted")
                    .hasMessageNotContaining("check username/password")
                    .hasMessageNotContaining(PASSWORD);
        }
    }

    @Test
    void aWrongPasswordIsPermanentAndSaysWhatToCheck() {
        assertThatThrownBy(() -> transport.open(config("password", "not-the-password")))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("as '" + USER + "' was refused")
                .hasMessageContaining("check username/password or private-key for 127.0.0.1")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void withoutStrictCheckingAnyHostKeyIsAccepted() throws Exception {
        send(config("strict-host-key-checking", "false", "known-hosts", null), attempt("t"));

        PackageOracle.assertHoldsSample1(root.resolve(RELATIVE_DAY_DIR).resolve(NAME));
    }

    @Test
    void aDroppedConnectionIsTransientAndTheRetryLeavesOneCompleteFile() throws Exception {
        CorpusPackage pkg = CorpusPackage.sample1(NAME);
        DepositAttempt attempt = attempt("tok-drop");
        server.cutAfterBytes.set(100_000);

        try (TransportSession session = transport.open(config())) {
            assertThatThrownBy(() -> session.send(pkg, attempt))
                    .isInstanceOf(TransientTransportException.class)
                    .hasMessageContaining("SFTP server 127.0.0.1:" + server.port())
                    .hasMessageContaining("will retry");
            assertThat(root.resolve(RELATIVE_DAY_DIR).resolve(NAME)).as("no final file after a drop").doesNotExist();

            // The engine retries the same attempt; the session reconnects by itself.
            TransportResponse r = session.send(pkg, attempt);

            assertThat(r.custody()).isEqualTo(TransportResponse.Custody.SUBMITTED);
        }
        PackageOracle.assertHoldsSample1(root.resolve(RELATIVE_DAY_DIR).resolve(NAME));
        assertThat(PackageOracle.filesUnder(root)).containsExactly(RELATIVE_DAY_DIR + "/" + NAME);
        assertThat(server.writeOpens).hasValue(2);
    }

    @Test
    void aFinalFileOfThePackagesSizeCountsAsDeliveredAndIsNotSentAgain() throws Exception {
        send(config(), attempt("tok-1"));

        TransportResponse again = send(config(), attempt("tok-1"));

        assertThat(server.writeOpens).as("files opened for writing").hasValue(1);
        assertThat(again.message()).contains("already complete").contains("not sent again");
        PackageOracle.assertHoldsSample1(root.resolve(RELATIVE_DAY_DIR).resolve(NAME));
    }

    @Test
    void aStaleTemporaryFileIsRemovedAndADifferentFinalFileReplaced() throws Exception {
        Path dir = Files.createDirectories(root.resolve(RELATIVE_DAY_DIR));
        Files.writeString(dir.resolve(NAME + ".part-earlier"), "half");
        Files.writeString(dir.resolve(NAME), "an older, different package");

        TransportResponse r = send(config(), attempt("tok-2"));

        assertThat(r.message()).contains("replacing a file of another size");
        PackageOracle.assertHoldsSample1(dir.resolve(NAME));
        assertThat(PackageOracle.filesUnder(root)).containsExactly(RELATIVE_DAY_DIR + "/" + NAME);
    }

    @Test
    void aFullDiskIsTransientAndSaysSo() throws Exception {
        server.diskFull.set(true);

        try (TransportSession session = transport.open(config())) {
            assertThatThrownBy(() -> session.send(CorpusPackage.sample1(NAME), attempt("t")))
                    .isInstanceOf(TransientTransportException.class)
                    .hasMessageContaining("disk full");
        }
        assertThat(root.resolve(RELATIVE_DAY_DIR).resolve(NAME)).doesNotExist();
    }

    @Test
    void aRefusedWriteIsPermanent() throws Exception {
        server.permissionDenied.set(true);

        try (TransportSession session = transport.open(config())) {
            assertThatThrownBy(() -> session.send(CorpusPackage.sample1(NAME), attempt("t")))
                    .isInstanceOf(PermanentTransportException.class)
                    .hasMessageContaining("permission denied")
                    .hasMessageContaining("'" + USER + "'");
        }
    }

    @Test
    void aRefusedConnectionIsTransient() throws IOException {
        int closedPort = RemoteTestConfig.closedPort();
        assertThatThrownBy(() -> transport.open(config(closedPort)))
                .isInstanceOf(TransientTransportException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("connection refused");
    }

    @Test
    void anUnknownHostIsTransientAndNamed() {
        assertThatThrownBy(() -> transport.open(config("server-fqdn", "no-such-host.invalid")))
                .isInstanceOf(TransientTransportException.class)
                .hasMessageContaining("cannot resolve host 'no-such-host.invalid'");
    }

    @Test
    void validationNamesTheJsonPathOfEachProblem() {
        String p = "bag-receiver.transport-config.protocol-binding.";

        assertThat(transport.validate(config())).isEmpty();
        assertThat(transport.validate(config("server-port", "abc", "server-fqdn", null))).containsExactlyInAnyOrder(
                p + "server-port: \"abc\" is not a port number (1-65535)",
                p + "server-fqdn: missing; set it to the SFTP server's host name");
        assertThat(transport.validate(config("password", null))).containsExactly(
                p + "password: neither password nor private-key is set; set one of them (or both)");
        assertThat(transport.validate(config("password", null, "private-key", "/no/such/id_rsa"))).containsExactly(
                p + "private-key: file /no/such/id_rsa (the SSH private key) does not exist or is not a file");
        assertThat(transport.validate(config("known-hosts", null))).singleElement().asString()
                .startsWith(p + "known-hosts: missing while strict-host-key-checking is true")
                .contains("ssh-keyscan -p " + server.port() + " 127.0.0.1");
        assertThat(transport.validate(config("known-hosts", "/no/such/known_hosts"))).containsExactly(
                p + "known-hosts: file /no/such/known_hosts (known_hosts of the SFTP server) does not exist or is "
                        + "not a file");
        assertThat(transport.validate(config("strict-host-key-checking", "false", "known-hosts", null))).isEmpty();
    }

    @Test
    void settingsNeverShowSecrets() {
        SftpSettings s = SftpSettings.read(SftpSettings.reader(config("passphrase", "pp-secret")));
        assertThat(s.toString()).doesNotContain(PASSWORD).doesNotContain("pp-secret");
    }

    @Test
    void problemsNeverQuoteSecrets() {
        List<String> problems = transport.validate(config("server-port", "x", "password", "hunter2"));
        assertThat(String.join("\n", problems)).doesNotContain("hunter2");
    }
}
