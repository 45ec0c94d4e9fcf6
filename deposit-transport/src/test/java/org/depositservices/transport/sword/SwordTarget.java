package org.depositservices.transport.sword;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.depositservices.transport.sword.SwordFixtures.COLLECTION;
import static org.depositservices.transport.sword.SwordFixtures.EDIT;
import static org.depositservices.transport.sword.SwordFixtures.SERVICE_DOC;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TargetFixture;
import org.depositservices.transport.Transport;

/**
 * A WireMock server on a free port answering as DSpace's SWORDv2 endpoint does (service document, 201 with a
 * deposit receipt for a POST to {@link SwordFixtures#COLLECTION}), and a SWORD transport spooling to
 * {@code dir}/spool.
 */
public final class SwordTarget implements TargetFixture {

    private final WireMockServer server;
    private final Path spool;
    private final SwordTransport transport;

    private SwordTarget(Path spool) {
        this.spool = spool;
        this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        String base = server.baseUrl();
        server.stubFor(get(urlEqualTo(SERVICE_DOC)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/atomserv+xml; charset=UTF-8")
                .withBody(SwordFixtures.serviceDocument(base, null))));
        server.stubFor(post(urlEqualTo(COLLECTION)).willReturn(aResponse().withStatus(201)
                .withHeader("Location", base + EDIT)
                .withHeader("Content-Type", "application/atom+xml;type=entry")
                .withBody(SwordFixtures.receipt(base))));
        this.transport = new SwordTransport("deposit-services/test", spool);
    }

    public static SwordTarget start(Path dir) throws IOException {
        return new SwordTarget(Files.createDirectories(dir.resolve("spool")));
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public RepositoryConfig config() {
        return new SwordFixtures.Config(server.baseUrl()).build();
    }

    @Override
    public List<String> traces() throws IOException {
        List<String> traces = new ArrayList<>();
        for (LoggedRequest r : packageRequests()) {
            traces.add("request: " + r.getMethod() + " " + r.getUrl() + " (" + r.getHeader("Content-Disposition")
                    + ")");
        }
        traces.addAll(TargetFixture.filesUnder("spool", spool));
        return traces;
    }

    @Override
    public byte[] delivered(String name) {
        List<LoggedRequest> carrying = packageRequests().stream()
                .filter(r -> String.valueOf(r.getHeader("Content-Disposition")).contains("filename=\"" + name + "\""))
                .toList();
        if (carrying.size() != 1) {
            throw new AssertionError("expected one request carrying " + name + ", got " + carrying.size());
        }
        return carrying.get(0).getBody();
    }

    /** The POSTs and PUTs the server received: the requests that can carry a package. */
    private List<LoggedRequest> packageRequests() {
        return server.findAll(RequestPatternBuilder.allRequests()).stream()
                .filter(r -> r.getMethod().equals(RequestMethod.POST) || r.getMethod().equals(RequestMethod.PUT))
                .toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
