package org.depositservices.app;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds multipart/form-data bodies by hand, so tests can send exactly what a bad client would. */
public final class Multipart {
    private final String boundary = "b" + UUID.randomUUID().toString().replace("-", "");
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    public Multipart json(String name, String json) {
        return part(name, null, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public Multipart file(String filename, String contentType, byte[] bytes) {
        return part("file", filename, contentType, bytes);
    }

    public Multipart part(String name, String filename, String contentType, byte[] bytes) {
        body.writeBytes(head(boundary, name, filename, contentType));
        body.writeBytes(bytes);
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** The delimiter and headers of one part, exactly as given (a quote in the filename becomes %22, as browsers do). */
    public static byte[] head(String boundary, String name, String filename, String contentType) {
        StringBuilder h = new StringBuilder("--").append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"").append(name).append('"');
        if (filename != null) {
            h.append("; filename=\"").append(filename.replace("\"", "%22")).append('"');
        }
        h.append("\r\n");
        if (contentType != null) {
            h.append("Content-Type: ").append(contentType).append("\r\n");
        }
        return h.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public HttpRequest.BodyPublisher publisher() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(body.toByteArray());
        all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return HttpRequest.BodyPublishers.ofByteArray(all.toByteArray());
    }
}
