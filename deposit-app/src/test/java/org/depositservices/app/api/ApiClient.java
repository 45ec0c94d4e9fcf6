package org.depositservices.app.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.depositservices.store.DatabaseSettings;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Every request the bad-input tests send goes through here, so credentials are added in one place
 * ({@link #AUTHORIZATION}). Two ways to send: the JDK client for well-formed HTTP, and a raw socket for what no
 * well-behaved client sends (no Content-Length, broken chunking, a garbage request line, an aborted body).
 */
final class ApiClient {
    /** Tests set {@code pass.deposit.admin-password} to this, so the API's admin can be used once it needs one. */
    static final String ADMIN_PASSWORD = "bad-input-tests-admin";
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    /** The service under test: its data directory, its database, and the admin these requests authenticate as. */
    static void register(DynamicPropertyRegistry r, Supplier<Path> data, DatabaseSettings db) {
        r.add("pass.deposit.data-dir", () -> data.get().toString());
        r.add("pass.deposit.database.url", db::url);
        r.add("pass.deposit.database.user", db::user);
        r.add("pass.deposit.admin-password", () -> ADMIN_PASSWORD);
    }

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiClient(int port) {
        this.port = port;
    }

    HttpResponse<String> post(String path, String contentType, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", contentType).POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(StreamedMultipart m) throws IOException, InterruptedException {
        return post("/api/submissions", m.contentType(), m.publisher());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", AUTHORIZATION);
    }

    /** What came back on a raw connection. */
    record RawResponse(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Sends {@code head} (request line and headers, each ending in CRLF, without the blank line) plus our
     * credentials and {@code Connection: close}, then {@code body} exactly as given, and reads the first response.
     */
    RawResponse raw(String head, byte[] body) throws IOException {
        try (Socket s = open(head, body)) {
            return read(s.getInputStream());
        }
    }

    /**
     * Sends {@code body} from another thread while this one reads the answer, as curl does: a server that refuses
     * a body early answers while the client is still sending, and closes once it has read a little more.
     */
    RawResponse rawWhileSending(String head, InputStream body) throws Exception {
        try (Socket s = open(head, new byte[0])) {
            Thread sender = new Thread(() -> {
                try (body) {
                    body.transferTo(s.getOutputStream());
                } catch (IOException e) {
                    // the server stopped reading: expected once it has refused the body
                }
            }, "test-upload");
            sender.start();
            try {
                return read(s.getInputStream());
            } finally {
                s.close();
                sender.join(30_000);
            }
        }
    }

    /** Sends the head and {@code sent} bytes of a body announced longer, then closes: a client that gave up. */
    void abort(String head, byte[] sent) throws IOException {
        open(head, sent).close();
    }

    private Socket open(String head, byte[] body) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("localhost", port), 5_000);
        s.setSoTimeout(30_000);
        OutputStream out = s.getOutputStream();
        out.write(withCredentials(head).getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return s;
    }

    private static String withCredentials(String head) {
        return head + "Authorization: " + AUTHORIZATION + "\r\nConnection: close\r\n\r\n";
    }

    private static RawResponse read(InputStream in) throws IOException {
        String status = line(in);
        if (status == null) {
            throw new IOException("the server closed the connection without answering");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                b.writeBytes(in.readNBytes(size));
                line(in);
            }
            body = b.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new RawResponse(Integer.parseInt(status.split(" ")[1]), headers,
                new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
