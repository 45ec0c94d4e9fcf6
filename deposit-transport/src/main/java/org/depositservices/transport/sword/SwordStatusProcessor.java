package org.depositservices.transport.sword;

import java.net.URI;
import java.util.List;
import org.depositservices.transport.DepositStatusProcessor;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.custody.StateMapping;
import org.depositservices.transport.http.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns custody from a SWORD statement: GETs the statement IRI the deposit receipt named (HTTP Basic credentials
 * chosen as for deposits), reads its state terms ({@link SwordStatement}) and maps them through the repository's
 * {@code deposit-config.mapping} ({@link StateMapping}: e.g. {@code http://dspace.org/state/archived} → accepted).
 *
 * <p>Outcomes: a mapped state gives ACCEPTED, REJECTED or SUBMITTED; no state gives SUBMITTED (not decided yet); a
 * state neither mapped nor covered by {@code default-mapping} is a permanent error naming the term and where to map
 * it. The item's splash page ({@code link rel="alternate"}) becomes the access URL, a DSpace handle an external id.
 *
 * <p>Stateless and thread-safe; obtained from {@link SwordTransport#statusProcessor}.
 */
public final class SwordStatusProcessor implements DepositStatusProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(SwordStatusProcessor.class);
    private static final String ACCEPT = "application/atom+xml;type=feed, application/atom+xml, "
            + "application/rdf+xml;q=0.8, application/xml;q=0.5";

    private final SwordTransport transport;

    SwordStatusProcessor(SwordTransport transport) {
        this.transport = transport;
    }

    @Override
    public CustodyReport process(String depositStatusRef, RepositoryConfig config) throws TransportException {
        if (depositStatusRef == null || depositStatusRef.isBlank()) {
            throw new PermanentTransportException("the deposit has no status reference: its SWORD deposit receipt "
                    + "named no statement, so " + config.key() + " cannot be asked about custody; check the item in "
                    + "the repository and set the deposit's status by hand");
        }
        URI uri = SwordSettings.absoluteHttp(depositStatusRef);
        if (uri == null) {
            throw new PermanentTransportException("status reference '" + depositStatusRef + "' is not an http(s) URL; "
                    + "for " + config.key() + " it should be the SWORD statement IRI from the deposit receipt");
        }
        // A mapping that cannot decide anything is the configuration's fault: say so before asking the server.
        List<String> mapping = StateMapping.problems(config);
        if (!mapping.isEmpty()) {
            throw new PermanentTransportException(String.join("; ", mapping));
        }
        SwordHttp http = transport.http(config, SwordSettings.of(config));
        Call call = new Call("reading the SWORD statement of a deposit into " + config.key(),
                "the deposit's status reference " + uri + " (from its deposit receipt) and "
                        + config.key() + ".transport-config.auth-realms");
        SwordHttp.Fetched f = http.getXml(uri, ACCEPT, call);
        SwordStatement statement;
        try {
            statement = SwordStatement.from(f.document(), f.uri());
        } catch (SwordXml.MalformedException e) {
            throw new PermanentTransportException(call.what() + ": " + f.uri() + " is " + e.getMessage()
                    + "; the status reference should be the statement IRI of the deposit receipt", e);
        }
        List<String> terms = statement.states().stream().map(SwordStatement.State::term).toList();
        StateMapping.Decision d = new StateMapping(config).decide(terms, "SWORD statement " + uri,
                "the statement gives no state (no atom:category in scheme " + SwordXml.STATE_SCHEME + ")");
        if (d.state() == null) {
            LOG.warn("SWORD statement {}: {}", uri, d.note());
        } else {
            LOG.info("SWORD statement {}: {} → {}", uri, d.note(), d.verdict().depositStatus());
        }
        return new CustodyReport(d.verdict().depositStatus(), d.state(), statement.splash(),
                statement.handle() == null ? List.of() : List.of(statement.handle()));
    }
}
