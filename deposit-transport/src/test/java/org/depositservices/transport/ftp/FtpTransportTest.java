package org.depositservices.transport.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.depositservices.transport.ftp.EmbeddedFtpServer.PASSWORD;
import static org.depositservices.transport.ftp.EmbeddedFtpServer.USER;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.depositservices.packaging.PackageSourceException;
import org.depositservices.transport.DepositAttempt;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.TransportResponse;
import org.depositservices.transport.TransportSession;
import org.depositservices.transport.remote.BytesPackage;
import org.depositservices.transport.remote.CorpusPackage;
import org.depositservices.transport.remote.RemoteTestConfig;
import org.depositservices.transport.remote.PackageOracle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FTP/FTPS transport against a real Apache FtpServer in this JVM. */
class FtpTransportTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);
    private static final String DAY_DIR = "logs/upload/2026-11-23";
    private static final String NAME = "nihms-native-2017-07_2026-11-23_10-15-30_sub-1.zip";

    @TempDir
    static Path tlsDir;
    private static TlsMaterial tls;

    @TempDir
    Path home;
    @TempDir
    Path spool;
    private EmbeddedFtpServer server;
    private FtpTransport transport;

    @BeforeAll
    static void makeCertificates() throws Exception {
        tls = TlsMaterial.generate(tlsDir);
    }

    @BeforeEach
    void start() throws Exception {
        server = new EmbeddedFtpServer(home, null);
        transport = new FtpTransport("ftp", CLOCK, spool);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RepositoryConfig config(int port, String... overrides) {
        Map<String, String> b = new HashMap<>(Map.of(
                "protocol", "ftp",
                "server-fqdn", "127.0.0.1",
                "server-port", String.valueOf(port),
                "username", USER,
                "password", PASSWORD,
                "data-type", "binary",
                "transfer-mode", "stream",
                "use-pasv", "true",
                "default-directory", "/logs/upload/%s",
                "data-timeout-ms", "10000"));
        b.put("connect-timeout-ms", "5000");
        return RemoteTestConfig.config("PubMed Central", "nihms-native-2017-07", b, overrides);
    }

    private RepositoryConfig config(String... overrides) {
        return config(server.port(), overrides);
    }

    private static DepositAttempt attempt(String token) {
        return new DepositAttempt("dep-1", "sub-1", token, 1);
    }

    private TransportResponse send(RepositoryConfig config, CorpusPackage pkg, DepositAttempt attempt)
            throws TransportException {
        try (TransportSession session = transport.open(config)) {
            return session.send(pkg, attempt);
        }
    }

    @Test
    void uploadsUnderTheDatedDirectoryAndRenamesFromATemporaryName() throws Exception {
        CorpusPackage pkg = CorpusPackage.sample1(NAME);

        TransportResponse r = send(config(), pkg, attempt("tok-1"));

        Path received = home.resolve(DAY_DIR).resolve(NAME);
        PackageOracle.assertHoldsSample1(received);
        assertThat(PackageOracle.sha256(received)).isEqualTo(pkg.metadata().checksums().values().iterator().next());
        assertThat(PackageOracle.filesUnder(home)).containsExactly(DAY_DIR + "/" + NAME);
        assertThat(r.custody()).isEqualTo(TransportResponse.Custody.SUBMITTED);
        assertThat(r.depositStatusRef()).isEqualTo("ftp://127.0.0.1:" + server.port() + "/" + DAY_DIR + "/" + NAME);
        assertThat(r.accessUrl()).isNull();
        assertThat(r.message()).contains("uploaded " + Files.size(received) + " bytes");
        // The bytes went to a temporary name first, then were renamed: a poller never sees a partial package.
        assertThat(server.commands).filteredOn(c -> c.startsWith("STOR "))
                .containsExactly("STOR /" + DAY_DIR + "/" + NAME + ".part-tok-1");
        assertThat(server.commands).contains("RNFR /" + DAY_DIR + "/" + NAME + ".part-tok-1",
                "RNTO /" + DAY_DIR + "/" + NAME);
    }

    @Test
    void aFinalFileOfThePackagesSizeCountsAsDeliveredAndIsNotSentAgain() throws Exception {
        send(config(), CorpusPackage.sample1(NAME), attempt("tok-1"));
        long size = Files.size(home.resolve(DAY_DIR).resolve(NAME));

        // The process died after the rename but before recording success: the engine retries the attempt.
        TransportResponse again = send(config(), CorpusPackage.sample1(NAME), attempt("tok-1"));

        assertThat(server.count("STOR")).as("STOR commands the server saw").isEqualTo(1);
        assertThat(again.message()).contains("already complete").contains(size + " bytes").contains("not sent again");
        assertThat(again.depositStatusRef()).endsWith("/" + DAY_DIR + "/" + NAME);
        PackageOracle.assertHoldsSample1(home.resolve(DAY_DIR).resolve(NAME));
        assertThat(spool).isEmptyDirectory();
    }

    @Test
    void aRetryAfterMidnightFindsTheUploadInYesterdaysDirectory() throws Exception {
        send(config(), CorpusPackage.sample1(NAME), attempt("tok-1"));
        FtpTransport nextDay = new FtpTransport("ftp", Clock.offset(CLOCK, Duration.ofDays(1)), spool);

        TransportResponse again;
        try (TransportSession session = nextDay.open(config())) {
            again = session.send(CorpusPackage.sample1(NAME), attempt("tok-1"));
        }

        assertThat(server.count("STOR")).isEqualTo(1);
        assertThat(again.depositStatusRef()).endsWith("/" + DAY_DIR + "/" + NAME);
        assertThat(again.message()).contains("not sent again");

        // With reconcile-days 0 only today's directory counts, so the package is sent again.
        try (TransportSession session = nextDay.open(config("reconcile-days", "0"))) {
            session.send(CorpusPackage.sample1(NAME), attempt("tok-1"));
        }
        assertThat(PackageOracle.filesUnder(home))
                .containsExactly(DAY_DIR + "/" + NAME, "logs/upload/2026-11-24/" + NAME);
    }

    @Test
    void aFinalFileOfAnotherSizeIsReplaced() throws Exception {
        Path dir = Files.createDirectories(home.resolve(DAY_DIR));
        Files.writeString(dir.resolve(NAME), "an older, different package");

        TransportResponse r = send(config(), CorpusPackage.sample1(NAME), attempt("tok-2"));

        PackageOracle.assertHoldsSample1(dir.resolve(NAME));
        assertThat(r.message()).contains("replacing a file of another size");
        assertThat(PackageOracle.filesUnder(home)).containsExactly(DAY_DIR + "/" + NAME);
    }

    @Test
    void temporaryFilesOfInterruptedAttemptsAreRemoved() throws Exception {
        Path dir = Files.createDirectories(home.resolve(DAY_DIR));
        Files.writeString(dir.resolve(NAME + ".part-old-token"), "half a package");
        Files.writeString(dir.resolve("other-package.zip"), "not ours");

        send(config(), CorpusPackage.sample1(NAME), attempt("tok-3"));

        assertThat(PackageOracle.filesUnder(home))
                .containsExactlyInAnyOrder(DAY_DIR + "/" + NAME, DAY_DIR + "/other-package.zip");
    }

    @Test
    void aRelativeDirectoryIsTakenFromTheLoginDirectory() throws Exception {
        TransportResponse r = send(config("default-directory", "incoming/%s/nihms"), CorpusPackage.sample1(NAME),
                attempt("t"));

        PackageOracle.assertHoldsSample1(home.resolve("incoming/2026-11-23/nihms").resolve(NAME));
        assertThat(r.depositStatusRef()).endsWith(":" + server.port() + "/incoming/2026-11-23/nihms/" + NAME);
    }

    @Test
    void activeModeAndDeflateModeDeliverTheSameBytes() throws Exception {
        send(config("use-pasv", "false", "transfer-mode", "deflate", "default-directory", "/active"),
                CorpusPackage.sample1(NAME), attempt("t"));

        PackageOracle.assertHoldsSample1(home.resolve("active").resolve(NAME));
        assertThat(server.commands).anyMatch(c -> c.startsWith("PORT ") || c.startsWith("EPRT "))
                .contains("MODE Z").noneMatch(c -> c.startsWith("PASV"));
    }

    @Test
    void inAsciiTypeAnExistingFileIsSentAgainBecauseSizesSayNothing() throws Exception {
        RepositoryConfig ascii = config("data-type", "ascii");
        send(ascii, CorpusPackage.sample1(NAME), attempt("t"));

        TransportResponse again = send(ascii, CorpusPackage.sample1(NAME), attempt("t"));

        assertThat(server.count("STOR")).isEqualTo(2);
        assertThat(again.message()).contains("replacing");
        assertThat(PackageOracle.filesUnder(home)).containsExactly(DAY_DIR + "/" + NAME);
    }

    @Test
    void aWrongPasswordIsPermanentAndSaysWhatToCheck() {
        assertThatThrownBy(() -> transport.open(config("password", "not-the-password")))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("530")
                .hasMessageContaining("check username/password for 127.0.0.1")
                .hasMessageContaining(USER)
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void anUnknownHostIsTransientAndNamed() {
        assertThatThrownBy(() -> transport.open(config("server-fqdn", "no-such-host.invalid")))
                .isInstanceOf(TransientTransportException.class)
                .hasMessageContaining("cannot resolve host 'no-such-host.invalid'");
    }

    @Test
    void aRefusedConnectionIsTransient() throws IOException {
        int closedPort = RemoteTestConfig.closedPort();
        assertThatThrownBy(() -> transport.open(config(closedPort)))
                .isInstanceOf(TransientTransportException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("is the FTP server running");
    }

    @Test
    void aFullDiskIsTransientAndSaysSo() throws Exception {
        server.diskFull.set(true);

        try (TransportSession session = transport.open(config())) {
            assertThatThrownBy(() -> session.send(CorpusPackage.sample1(NAME), attempt("t")))
                    .isInstanceOf(TransientTransportException.class)
                    .hasMessageContaining("452")
                    .hasMessageContaining("disk full on the server");
        }
        assertThat(home.resolve(DAY_DIR).resolve(NAME)).doesNotExist();
    }

    @Test
    void aUserWhoMayNotWriteFailsPermanently() throws IOException {
        Files.createDirectories(home.resolve(DAY_DIR)); // so that it is the upload itself that is refused
        RepositoryConfig readOnly = config("username", EmbeddedFtpServer.READ_ONLY_USER,
                "password", EmbeddedFtpServer.READ_ONLY_PASSWORD);

        assertThatThrownBy(() -> send(readOnly, CorpusPackage.sample1(NAME), attempt("t")))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("550")
                .hasMessageContaining("permission denied")
                
                .hasMessageContaining(EmbeddedFtpServer.READ_ONLY_USER);
    }

    @Test
    void aConnectionCutMidUploadIsTransientAndTheRetryLeavesOneCompleteFile() throws Exception {
        CorpusPackage pkg = CorpusPackage.sample1(NAME);
        DepositAttempt attempt = attempt("tok-cut");
        server.cutAfterBytes.set(100_000);

        try (TransportSession session = transport.open(config())) {
            assertThatThrownBy(() -> session.send(pkg, attempt))
                    .isInstanceOf(TransientTransportException.class)
                    .hasMessageContaining("will retry");
            assertThat(home.resolve(DAY_DIR).resolve(NAME)).as("no final file after a cut").doesNotExist();

            // The engine retries the same attempt; the session reconnects by itself.
            TransportResponse r = session.send(pkg, attempt);

            assertThat(r.custody()).isEqualTo(TransportResponse.Custody.SUBMITTED);
        }
        PackageOracle.assertHoldsSample1(home.resolve(DAY_DIR).resolve(NAME));
        assertThat(PackageOracle.filesUnder(home)).containsExactly(DAY_DIR + "/" + NAME);
        assertThat(server.count("STOR")).isEqualTo(2);
    }

    @Test
    void anUnreadableSourcePassesUnchangedAndLeavesNothingBehind() throws Exception {
        try (TransportSession session = transport.open(config())) {
            assertThatThrownBy(() -> session.send(CorpusPackage.sample1FailingAfter(NAME, 50_000), attempt("t")))
                    .isInstanceOf(PackageSourceException.class)
                    .isNotInstanceOf(TransportException.class)
                    .hasMessageContaining("of submission " + CorpusPackage.SUBMISSION_ID)
                    .hasMessageContaining("cannot be read from the content store: simulated unreadable source")
                    .hasMessageNotContaining("127.0.0.1")
                    .extracting(e -> ((PackageSourceException) e).kind())
                    .isEqualTo(PackageSourceException.Kind.UNREADABLE);
        }
        assertThat(server.count("STOR")).as("the upload had begun").isEqualTo(1);
        assertThat(PackageOracle.filesUnder(home)).as("no partial or temporary file").isEmpty();
        assertThat(spool).isEmptyDirectory();
    }

    @Test
    void aPackageWriterThatStopsIsTransientNamesThePackageAndLeavesNothingBehind() throws Exception {
        BytesPackage stopping = BytesPackage.stoppingAfter(NAME, new byte[200_000], 100_000);

        try (TransportSession session = transport.open(config())) {
            assertThatThrownBy(() -> session.send(stopping, attempt("t")))
                    .isInstanceOf(TransientTransportException.class)
                    .hasMessageContaining("package " + NAME + " could not be written while uploading it to ftp://")
                    .hasMessageContaining("writer interrupted");
        }
        assertThat(PackageOracle.filesUnder(home)).isEmpty();
    }

    @Test
    void explicitFtpsWithATrustStoreProtectsControlAndData() throws Exception {
        server.close();
        server = new EmbeddedFtpServer(home, tls);

        TransportResponse r = send(config("protocol", "ftps", "trust-store", tls.trustStore().toString(),
                "trust-store-password", tls.trustStorePassword()), CorpusPackage.sample1(NAME), attempt("t"));

        PackageOracle.assertHoldsSample1(home.resolve(DAY_DIR).resolve(NAME));
        assertThat(server.lastUploadControlSecure).as("control connection under TLS").isTrue();
        assertThat(server.lastUploadDataSecure).as("data connection under TLS (PROT P)").isTrue();
        assertThat(r.depositStatusRef()).startsWith("ftps://127.0.0.1:");
    }

    @Test
    void explicitFtpsWithTrustAllWorksForTests() throws Exception {
        server.close();
        server = new EmbeddedFtpServer(home, tls);

        send(config("use-tls", "true", "tls-trust-all", "true"), CorpusPackage.sample1(NAME), attempt("t"));

        PackageOracle.assertHoldsSample1(home.resolve(DAY_DIR).resolve(NAME));
    }

    @Test
    void anUntrustedCertificateIsPermanentWithAHint() throws Exception {
        server.close();
        server = new EmbeddedFtpServer(home, tls);

        // No trust-store: the JVM's CAs do not know the self-signed certificate.
        assertThatThrownBy(() -> transport.open(config("use-tls", "true")))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("TLS handshake failed")
                
                .hasMessageContaining("trust-store")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void tlsAgainstAServerWithoutTlsIsPermanent() {
        assertThatThrownBy(() -> transport.open(config("use-tls", "true", "tls-trust-all", "true")))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("AUTH TLS");
    }

    @Test
    void validationNamesTheJsonPathOfEachProblem() {
        List<String> problems = transport.validate(config("server-port", "abc", "server-fqdn", null,
                "password", null, "transfer-mode", "block", "data-type", "ebcdic", "use-pasv", "maybe",
                "reconcile-days", "-1"));

        String p = "PubMed Central.transport-config.protocol-binding.";
        assertThat(problems).containsExactlyInAnyOrder(
                p + "server-port: \"abc\" is not a port number (1-65535)",
                p + "server-fqdn: missing; set it to the FTP server's host name",
                p + "password: missing; set the FTP account's password",
                p + "transfer-mode: \"block\" is not supported: the FTP client would announce MODE B but send stream "
                        + "data, corrupting the upload; use \"stream\" (or \"deflate\" for MODE Z)",
                p + "data-type: \"ebcdic\" is not one of binary, ascii",
                p + "use-pasv: \"maybe\" is not true or false",
                p + "reconcile-days: \"-1\" is not a whole number from 0 to 31");
    }

    @Test
    void validationAcceptsPassBindingAndRefusesContradictions() {
        assertThat(transport.validate(config())).isEmpty();
        assertThat(transport.validate(config("protocol", "ftps", "use-tls", "false")))
                .containsExactly("PubMed Central.transport-config.protocol-binding.use-tls: is false but the protocol "
                        + "is ftps: remove one of them");
        assertThat(transport.validate(config("trust-store", "/no/such/trust.p12")))
                .singleElement().asString().contains("trust-store: file /no/such/trust.p12");
    }

    @Test
    void openRefusesAnInvalidConfigurationWithoutConnecting() {
        assertThatThrownBy(() -> transport.open(config("server-port", "70000")))
                .isInstanceOf(PermanentTransportException.class)
                .hasMessageContaining("server-port: \"70000\" is not a port number");
        assertThat(server.commands).isEmpty();
    }

    @Test
    void settingsNeverShowThePassword() {
        var reader = FtpSettings.reader(config());
        FtpSettings settings = FtpSettings.read(reader, "ftp");
        assertThat(settings.toString()).doesNotContain(PASSWORD).contains("password=***");
    }
}
