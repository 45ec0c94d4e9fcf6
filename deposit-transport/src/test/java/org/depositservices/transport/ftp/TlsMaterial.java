package org.depositservices.transport.ftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for FTPS tests, made at test time with the running JDK's keytool (so no binary
 * key store is committed): a PKCS12 key store for the server and a trust store holding only its certificate.
 */
record TlsMaterial(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

    static TlsMaterial generate(Path dir) throws IOException, InterruptedException {
        Path ks = dir.resolve("ftp-server.p12");
        Path crt = dir.resolve("ftp-server.crt");
        Path ts = dir.resolve("ftp-trust.p12");
        keytool("-genkeypair", "-alias", "ftp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "server-ks-pw",
                "-keypass", "server-ks-pw");
        keytool("-exportcert", "-rfc", "-alias", "ftp", "-keystore", ks.toString(), "-storepass", "server-ks-pw",
                "-file", crt.toString());
        keytool("-importcert", "-noprompt", "-alias", "ftp", "-file", crt.toString(), "-storetype", "PKCS12",
                "-keystore", ts.toString(), "-storepass", "trust-pw");
        return new TlsMaterial(ks, "server-ks-pw", ts, "trust-pw");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
