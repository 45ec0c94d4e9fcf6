package org.depositservices.transport.sftp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Debian's stock OpenSSH {@code sshd} as a child process on a free loopback port, with its own config file, host
 * key and authorized_keys in a temp directory: an SFTP server that is not our library, to test against.
 *
 * <p>sshd switches to the account that logs in, so what it can do depends on who runs the test. As root (CI), a
 * dedicated local account with a random password is created for this server and removed when it stops: password
 * and key logins both work. Otherwise the account is the one running the test, and only key logins work (sshd
 * cannot check a password without root). {@link #requirePasswordLogin()} skips a test with the reason.
 */
final class OpenSshServer implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path dir;
    private String user;
    private String password;
    private boolean createdUser;
    private Path uploadDir;
    private Path authorizedKeys;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private Process process;
    private int port;

    /**
     * Skips the calling test, saying why, when this machine has no OpenSSH server; with {@code -Dopenssh.required=true}
     * (CI) fails it instead, so a build that should test against sshd cannot pass by skipping.
     */
    static void requireSshd() {
        require(Files.isExecutable(SSHD), "no OpenSSH server at " + SSHD + ": install it (apt-get install "
                + "openssh-server; .ci/run does) to run the tests against a stock sshd");
        require(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "no ssh-keygen at /usr/bin/ssh-keygen");
    }

    private static void require(boolean condition, String reason) {
        if (!condition && Boolean.getBoolean("openssh.required")) {
            throw new IllegalStateException(reason + " (openssh.required is set)");
        }
        assumeTrue(condition, reason);
    }

    /**
     * Starts sshd with a host key of each of {@code hostKeyTypes} (ssh-keygen -t values, e.g. ed25519, ecdsa, rsa;
     * ecdsa-384 for a curve size; comma-separated, in sshd's order) and any further sshd_config lines.
     */
    static OpenSshServer start(Path dir, String hostKeyTypes, String... configLines) throws Exception {
        requireSshd();
        OpenSshServer server = new OpenSshServer(dir);
        try {
            server.prepare();
            server.launch(List.of(hostKeyTypes.split(",")), List.of(configLines));
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private OpenSshServer(Path dir) {
        this.dir = dir;
    }

    private void prepare() throws Exception {
        // sshd reads authorized_keys and serves files as the user: they must reach into the temp directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (ROOT) {
            user = "pst-" + randomHex(4);
            password = "pw-" + randomHex(12);
            run(List.of("useradd", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin",
                    "--comment", "deposit-services SFTP test, removed after the test", user), null);
            createdUser = true; // from here on, close() removes it
            run(List.of("chpasswd"), user + ":" + password + "\n");
        } else {
            user = System.getProperty("user.name");
            password = null;
            createdUser = false;
        }
        uploadDir = Files.createDirectories(dir.resolve("upload"));
        if (createdUser) {
            run(List.of("chown", user + ":", uploadDir.toString()), null);
        }
        Path keysDir = Files.createDirectories(dir.resolve("authorized_keys"));
        authorizedKeys = Files.writeString(keysDir.resolve(user), "");
    }

    private void launch(List<String> hostKeyTypes, List<String> extra) throws Exception {
        List<String> hostKeys = new ArrayList<>();
        for (String type : hostKeyTypes) {
            hostKeys.add("HostKey " + keygen(type, "host_" + type));
        }
        if (ROOT) {
            // Debian's sshd refuses to start without its privilege separation directory, which its init script
            // (not run here) normally creates.
            Files.createDirectories(Path.of("/run/sshd"));
        }
        for (int tries = 0; ; tries++) {
            port = freePort();
            List<String> config = new ArrayList<>(List.of(
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "PidFile none",
                    "UsePAM no",
                    "PasswordAuthentication yes",
                    "KbdInteractiveAuthentication no",
                    "PubkeyAuthentication yes",
                    "PermitRootLogin no",
                    "AllowUsers " + user,
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys") + "/%u",
                    "StrictModes no",
                    "LogLevel VERBOSE",
                    "Subsystem sftp internal-sftp -d " + uploadDir));
            config.addAll(hostKeys);
            config.addAll(extra);
            Path file = Files.write(dir.resolve("sshd_config"), config);
            log.clear();
            process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", file.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread pump = new Thread(this::pumpLog, "sshd-log-" + port);
            pump.setDaemon(true);
            pump.start();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> listening() || !process.isAlive());
            if (listening()) {
                return;
            }
            process.waitFor(5, TimeUnit.SECONDS);
            String why = String.join("\n", log);
            // Another process may take the port between our probe and sshd's bind.
            if (!why.contains("Address already in use") || tries == 4) {
                throw new IllegalStateException("sshd did not start (exit " + process.exitValue() + "):\n" + why);
            }
        }
    }

    private boolean listening() {
        return log.stream().anyMatch(l -> l.contains("Server listening on 127.0.0.1 port " + port));
    }

    private void pumpLog() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                log.add(line);
            }
        } catch (IOException e) {
            log.add("(log ended: " + e + ")");
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Makes a key pair with ssh-keygen (no passphrase) and returns the private key file; .pub is beside it. */
    Path keygen(String type, String name) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name));
        if (type.startsWith("ecdsa-")) { // ecdsa-384: the curve size after the dash
            cmd.set(3, "ecdsa");
            cmd.addAll(List.of("-b", type.substring("ecdsa-".length())));
        } else if (type.equals("rsa")) {
            cmd.addAll(List.of("-b", "2048")); // ssh-keygen's 3072 bits take seconds on a busy machine
        }
        cmd.addAll(List.of("-f", key.toString()));
        run(cmd, null);
        return key;
    }

    /** A new user key of {@code type}, authorized for {@link #user()}; returns its private key file. */
    Path authorizeNewKey(String type) throws IOException, InterruptedException {
        Path key = keygen(type, "id_" + type);
        Files.writeString(authorizedKeys, Files.readString(Path.of(key + ".pub")),
                StandardOpenOption.APPEND);
        return key;
    }

    /** What {@code ssh-keyscan} (OpenSSH's own tool, as the README tells operators to use) says of this server. */
    String keyscan(String... options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ssh-keyscan", "-p", String.valueOf(port)));
        cmd.addAll(List.of(options));
        cmd.add("127.0.0.1");
        String out = run(cmd, null);
        if (out.isBlank()) {
            throw new IllegalStateException("ssh-keyscan found no host key:\n" + log());
        }
        return out;
    }

    /** Skips the calling test when sshd cannot check passwords here (not running as root). */
    void requirePasswordLogin() {
        require(password != null, "password login to a stock sshd needs the test to run as root (sshd checks "
                + "passwords against /etc/shadow and must switch to the test account); running as " + user);
    }

    int port() {
        return port;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** The SFTP login directory, writable by {@link #user()}. */
    Path uploadDir() {
        return uploadDir;
    }

    /** sshd's log so far, to show when a test fails. */
    String log() {
        return String.join("\n", log);
    }

    @Override
    public void close() throws Exception {
        try {
            if (process != null) {
                // sshd runs each connection in a child; end those too, or the account below is still in use.
                List<ProcessHandle> children = process.descendants().toList();
                process.destroy();
                children.forEach(ProcessHandle::destroy);
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                for (ProcessHandle c : children) {
                    c.onExit().get(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            if (createdUser) {
                run(List.of("userdel", user), null);
            }
        }
    }

    private String run(List<String> command, String input) throws IOException, InterruptedException {
        Path errors = Files.createTempFile(dir, "command-", ".err");
        Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            // Only the command's name: chpasswd's input is a password.
            throw new IOException(command.get(0) + " failed: " + Files.readString(errors) + out);
        }
        return out;
    }
}
