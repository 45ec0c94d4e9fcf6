package org.depositservices.bench.engine;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submissions per second and latency from POST to ACCEPTED, against a running {@code listen} service whose
 * repository is the default filesystem target. Run by bench/engine-bench.sh; not part of the test suite.
 *
 * <p>Latency per submission is the server's own {@code updatedAt} (when it became ACCEPTED) minus the instant
 * the client started its POST, so polling granularity does not blur it.
 *
 * <p>Arguments: base URL, number of submissions, client threads, and optionally an arrival rate per second (0 or
 * absent: as fast as the clients can post). Below the service's capacity, a paced rate shows latency without a
 * backlog; unpaced, latency is mostly time spent queued.
 */
public final class EngineBench {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EngineBench() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        // The API needs credentials: DEPOSIT_USER (default admin) and DEPOSIT_PASSWORD, as the service was given.
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString((System.getenv()
                .getOrDefault("DEPOSIT_USER", "admin") + ":" + System.getenv().getOrDefault("DEPOSIT_PASSWORD", ""))
                .getBytes(StandardCharsets.UTF_8));
        byte[] pdf = "%PDF-1.4 small benchmark manuscript\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

        Map<String, Instant> postedAt = new java.util.concurrent.ConcurrentHashMap<>();
        Instant start = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> posts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            posts.add(pool.submit(() -> {
                if (rate > 0) {
                    long due = start.toEpochMilli() + (long) (n * 1000 / rate);
                    long wait = due - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait); // pacing the arrivals, not waiting for a result
                    }
                }
                Instant t0 = Instant.now();
                String boundary = "bench" + n;
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/submissions"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Authorization", auth)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body(boundary, n, pdf))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("POST answered " + r.statusCode() + ": " + r.body());
                }
                postedAt.put(JSON.readTree(r.body()).get("id").asString(), t0);
                return null;
            }));
        }
        for (Future<?> f : posts) {
            f.get();
        }
        pool.shutdown();
        Instant posted = Instant.now();

        Map<String, Instant> acceptedAt = new HashMap<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (acceptedAt.size() < count && Instant.now().isBefore(deadline)) {
            acceptedAt.clear();
            for (int page = 0; ; page++) {
                JsonNode p = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/submissions?status=ACCEPTED&size=500&page=" + page)).header("Authorization", auth)
                        .build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode s : p.get("items")) {
                    String id = s.get("id").asString();
                    if (postedAt.containsKey(id)) {
                        acceptedAt.put(id, Instant.parse(s.get("updatedAt").asString()));
                    }
                }
                if ((long) (page + 1) * 500 >= p.get("total").asLong()) {
                    break;
                }
            }
            if (acceptedAt.size() < count) {
                Thread.sleep(200); // a benchmark poll loop, not a test
            }
        }
        if (acceptedAt.size() < count) {
            throw new IllegalStateException("only " + acceptedAt.size() + " of " + count + " accepted in 10 minutes");
        }
        List<Long> latencies = new ArrayList<>();
        Instant last = start;
        for (var e : acceptedAt.entrySet()) {
            latencies.add(Duration.between(postedAt.get(e.getKey()), e.getValue()).toMillis());
            last = e.getValue().isAfter(last) ? e.getValue() : last;
        }
        latencies.sort(Long::compare);
        double seconds = Duration.between(start, last).toMillis() / 1000.0;
        System.out.printf("submissions: %d, client threads: %d, arrival rate: %s%n", count, threads,
                rate > 0 ? rate + "/s" : "unpaced");
        System.out.printf("all POSTs answered in %.2f s (%.1f/s)%n", Duration.between(start, posted).toMillis() / 1000.0,
                count / (Duration.between(start, posted).toMillis() / 1000.0));
        System.out.printf("first POST to last ACCEPTED: %.2f s -> %.1f submissions/s%n", seconds, count / seconds);
        System.out.printf("latency POST -> ACCEPTED: p50 %d ms, p99 %d ms, max %d ms%n",
                latencies.get(latencies.size() / 2), latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1),
                latencies.get(latencies.size() - 1));
    }

    private static byte[] body(String boundary, int n, byte[] pdf) {
        String json = """
                {"repositories":["local"],
                 "submitter":{"firstName":"Bench","lastName":"Mark","email":"bench@example.edu"},
                 "publication":{"title":"Benchmark paper %d","journal":{"name":"J","nlmta":"J"}},
                 "files":[{"name":"paper.pdf","role":"manuscript"}]}""".formatted(n);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"submission\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + json + "\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"paper.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(pdf);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }
}
