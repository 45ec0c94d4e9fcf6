package org.depositservices.transport.sword;

import java.io.FileNotFoundException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.depositservices.packaging.PackageStream;
import org.depositservices.transport.DepositAttempt;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.TransportRequest;
import org.depositservices.transport.TransportResponse;
import org.depositservices.transport.TransportSession;
import org.depositservices.transport.custody.CustodyVerdict;
import org.depositservices.transport.custody.StateMapping;
import org.depositservices.transport.http.BasicCredentials;
import org.depositservices.transport.http.Call;
import org.depositservices.transport.http.Exchange;
import org.depositservices.transport.spool.PackageSpool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SWORD session: each {@link #send} picks the collection (a {@code collection-hints.<tag>} matching one of the
 * attempt's tags, else {@code default-collection}), checks it against the service document, spools the package to
 * learn its length and MD5, and POSTs it as a binary file deposit. Used by one thread at a time.
 */
final class SwordTransportSession implements TransportSession {

    private static final Logger LOG = LoggerFactory.getLogger(SwordTransportSession.class);
    private static final String ENTRY_ACCEPT = "application/atom+xml;type=entry, application/atom+xml, "
            + "application/xml;q=0.5";
    private static final int LISTED_COLLECTIONS = 10;

    private final SwordTransport transport;
    private final SwordHttp http;
    private final SwordSettings settings;
    private final RepositoryConfig config;
    private final Path spoolDir;
    private final SentLedger ledger;
    private final StateMapping mapping;
    private boolean closed;

    SwordTransportSession(SwordTransport transport, SwordHttp http, RepositoryConfig config, Path spoolDir,
                          SentLedger ledger) {
        this.transport = transport;
        this.http = http;
        this.settings = http.settings();
        this.config = config;
        this.spoolDir = spoolDir;
        this.ledger = ledger;
        this.mapping = new StateMapping(config);
    }

    /** The target collection and why it was chosen. */
    private record Target(URI uri, String configPath, String reason) {
    }

    /**
     * Deposits one package.
     *
     * <p>On attempt 2 and later, when this process already delivered the deposit (see {@link SentLedger}), the
     * receipt is re-read from the item's Edit-IRI and returned instead of depositing again.
     *
     * @throws org.depositservices.packaging.PackagingException unchanged, when the package cannot be built
     */
    @Override
    public TransportResponse send(TransportRequest request) throws TransportException {
        return deliver(request.requirePackage("SWORDv2"), request.attempt());
    }

    private TransportResponse deliver(PackageStream pkg, DepositAttempt attempt) throws TransportException {
        if (closed) {
            throw new IllegalStateException("SWORD session for " + config.key() + " is closed");
        }
        Target target = target(attempt.tags());
        String packaging = SwordHeaders.packaging(pkg.spec());
        ServiceDocument.Collection collection = checkCollection(target, packaging, pkg.spec());

        if (attempt.attemptNumber() > 1) {
            Optional<TransportResponse> earlier = earlierDelivery(attempt);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }

        try (PackageSpool spool = PackageSpool.write(pkg, spoolDir)) {
            checkSize(pkg, spool);
            String mime = pkg.mimeType() == null || pkg.mimeType().isBlank()
                    ? "application/octet-stream" : pkg.mimeType();
            SwordHttp.Payload payload = new SwordHttp.Payload(spool.size(), packaging, mime, pkg.spec());
            HttpRequest.Builder b = http.request(target.uri(), settings.depositTimeout())
                    .header("Content-Type", mime)
                    .header("Content-Disposition", SwordHeaders.contentDisposition(pkg.name()))
                    .header("Content-MD5", spool.md5())
                    .header("Packaging", packaging)
                    .header("In-Progress", "false")
                    .header("Accept", ENTRY_ACCEPT);
            if (attempt.depositId() != null && !attempt.depositId().isBlank()) {
                b.header("Slug", SwordHeaders.slug(attempt.depositId()));
            }
            try {
                // Streams the spool file: Content-Length comes from the file's size, the body is never in memory.
                b.POST(HttpRequest.BodyPublishers.ofFile(spool.file()));
            } catch (FileNotFoundException e) {
                throw new TransientTransportException("the spool file " + spool.file() + " of package " + pkg.name()
                        + " vanished before it was sent; is something cleaning " + spoolDir + "?", e);
            }
            Call call = new Call("depositing " + pkg.name() + " into " + config.key(),
                    target.configPath());
            LOG.info("SWORD deposit of {} ({}, md5 {}) to {} ({}), attempt {}", pkg.name(), SwordHttp.mib(spool.size()),
                    spool.md5(), target.uri(), target.reason(), attempt.attemptNumber());
            Exchange ex = http.exchange(b.build(), call, settings.depositTimeout(),
                    SwordSettings.DEPOSIT_TIMEOUT);
            if (ex.status() / 100 != 2) {
                throw http.failure(call, ex, payload);
            }
            return delivered(ex, attempt, target, collection, pkg, spool);
        }
    }

    private Target target(List<String> tags) {
        for (String tag : tags) {
            if (tag == null) {
                continue;
            }
            for (Map.Entry<String, URI> hint : settings.collectionHints().entrySet()) {
                if (hint.getKey().equalsIgnoreCase(tag.trim())) {
                    return new Target(hint.getValue(), settings.path(SwordSettings.HINT_PREFIX + hint.getKey()),
                            "collection hint '" + hint.getKey() + "'");
                }
            }
        }
        return new Target(settings.defaultCollection(), settings.path(SwordSettings.DEFAULT_COLLECTION),
                SwordSettings.DEFAULT_COLLECTION);
    }

    /** The collection as the service document lists it; re-fetched once when missing (it may be new). */
    private ServiceDocument.Collection checkCollection(Target target, String packaging, String spec)
            throws TransportException {
        ServiceDocument sd = transport.serviceDocument(http, false);
        Optional<ServiceDocument.Collection> c = sd.collection(target.uri().toString());
        if (c.isEmpty()) {
            sd = transport.serviceDocument(http, true);
            c = sd.collection(target.uri().toString());
        }
        if (c.isEmpty()) {
            String user = http.credentialsFor(settings.serviceDoc()).map(BasicCredentials::username)
                    .orElse("(anonymous)");
            String listed = sd.collections().stream().limit(LISTED_COLLECTIONS).map(ServiceDocument.Collection::href)
                    .collect(Collectors.joining(", "));
            throw new PermanentTransportException("SWORD collection " + target.uri() + " (" + target.reason()
                    + ") is not in the service document " + settings.serviceDoc() + " for user '" + user + "'"
                    + (settings.onBehalfOf() == null ? "" : " on behalf of '" + settings.onBehalfOf() + "'")
                    + "; it lists " + (listed.isEmpty() ? "no collections" : listed
                    + (sd.collections().size() > LISTED_COLLECTIONS ? ", ..." : ""))
                    + ". Check " + target.configPath() + ", and that the user may deposit into that collection");
        }
        ServiceDocument.Collection col = c.get();
        if (col.acceptPackaging().isEmpty()) {
            // The profile says a client SHOULD NOT then deposit packages; we do, and a server that refuses answers
            // 415, which names the packaging.
            LOG.warn("SWORD collection {} declares no sword:acceptPackaging; depositing {} anyway", col.href(),
                    packaging);
        } else if (!col.accepts(packaging)) {
            throw new PermanentTransportException("SWORD collection " + col.href() + " (" + target.reason()
                    + ") does not accept packaging " + packaging + " (package spec '" + spec + "'); it accepts "
                    + col.acceptPackaging() + ". Set " + config.key() + ".assembler.specification to one of those, "
                    + "or choose another collection in " + target.configPath());
        }
        return col;
    }

    private void checkSize(PackageStream pkg, PackageSpool spool) throws TransportException {
        ServiceDocument sd = transport.serviceDocument(http, false);
        if (sd.maxUploadSizeKb().isPresent() && spool.size() > sd.maxUploadSizeKb().getAsLong() * 1024) {
            throw new PermanentTransportException("package " + pkg.name() + " is " + SwordHttp.mib(spool.size())
                    + ", over the server's limit of " + SwordHttp.mib(sd.maxUploadSizeKb().getAsLong() * 1024)
                    + " (sword:maxUploadSize in " + settings.serviceDoc() + "): raise the server's upload limit "
                    + "or deposit a smaller package");
        }
    }

    /** A receipt for a deposit this process already delivered, if the item is still there. */
    private Optional<TransportResponse> earlierDelivery(DepositAttempt attempt) throws TransportException {
        Optional<SentLedger.Sent> d = ledger.find(config.key(), attempt.depositId());
        if (d.isEmpty()) {
            return Optional.empty();
        }
        URI edit = URI.create(d.get().editIri());
        Call call = new Call("re-reading the receipt of the earlier delivery of deposit "
                + attempt.depositId(), "the item " + edit + " on the server");
        Exchange ex = http.exchange(http.request(edit, settings.readTimeout())
                .header("Accept", ENTRY_ACCEPT).GET().build(), call, settings.readTimeout(), SwordSettings.READ_TIMEOUT);
        if (ex.status() == 404 || ex.status() == 410) {
            LOG.warn("deposit {} was delivered earlier as {}, which is gone now (HTTP {}); depositing it again",
                    attempt.depositId(), edit, ex.status());
            ledger.forget(config.key(), attempt.depositId());
            return Optional.empty();
        }
        if (ex.status() / 100 != 2) {
            throw http.failure(call, ex, null);
        }
        DepositReceipt receipt = readReceipt(ex, edit.toString(), call);
        LOG.info("deposit {} already arrived as {} (attempt {} found it); not sending it again", attempt.depositId(),
                edit, attempt.attemptNumber());
        return Optional.of(response(receipt, "already deposited by an earlier attempt as " + edit
                + "; not sent again"));
    }

    /** The package arrived (2xx): remember it, then read the receipt from the body or the Edit-IRI. */
    private TransportResponse delivered(Exchange ex, DepositAttempt attempt, Target target,
                                        ServiceDocument.Collection collection, PackageStream pkg, PackageSpool spool)
            throws TransportException {
        String location = ex.header("Location").map(l -> SwordXml.resolve(target.uri(), l)).orElse(null);
        // Recorded before the receipt is read: if reading it fails, a retry must not deposit a second copy.
        ledger.record(config.key(), attempt.depositId(),
                new SentLedger.Sent(location, target.uri().toString(), Instant.now()));
        String what = "deposited " + pkg.name() + " (" + SwordHttp.mib(spool.size()) + ", md5 " + spool.md5()
                + ") into " + (collection.title() == null ? "" : "'" + collection.title() + "' ") + target.uri()
                + " (" + target.reason() + ")";
        // The package did arrive: every message from here on says so, so nobody "fixes" it by depositing again.
        Call call = new Call("reading the deposit receipt of " + pkg.name() + " (the package "
                + "arrived" + (location == null ? "" : " as " + location) + ")", "the item on the server");
        DepositReceipt receipt = null;
        PermanentTransportException unreadable = null;
        if (ex.body().length > 0) {
            try {
                receipt = readReceipt(ex, location, call);
            } catch (PermanentTransportException e) {
                unreadable = e;
            }
        }
        if (receipt == null && location != null && settings.depositReceipt()) {
            SwordHttp.Fetched f = http.getXml(URI.create(location), ENTRY_ACCEPT, call);
            receipt = readReceipt(f.exchange(), location, call);
        }
        if (receipt == null && unreadable != null) {
            throw unreadable;
        }
        if (receipt == null) {
            LOG.warn("{}: the server sent no deposit receipt{}; custody cannot be followed automatically", what,
                    settings.depositReceipt() ? " and no Location" : " (deposit-receipt is false)");
            return new TransportResponse(TransportResponse.Custody.SUBMITTED, null, null,
                    location == null ? List.of() : List.of(location),
                    what + "; no deposit receipt, so no SWORD statement to follow custody with");
        }
        if (receipt.editIri() != null) {
            ledger.record(config.key(), attempt.depositId(),
                    new SentLedger.Sent(receipt.editIri(), target.uri().toString(), Instant.now()));
        }
        TransportResponse r = response(receipt, what);
        LOG.info("{}: Edit-IRI {}, statement {}", what, receipt.editIri(), r.depositStatusRef());
        return r;
    }

    private DepositReceipt readReceipt(Exchange ex, String location, Call call)
            throws PermanentTransportException {
        try {
            return DepositReceipt.from(http.parseXml(ex, call), ex.uri(), location);
        } catch (SwordXml.MalformedException e) {
            throw new PermanentTransportException(call.what() + ": " + ex.uri() + " answered HTTP " + ex.status()
                    + " with " + e.getMessage() + "; check " + call.configHint(), e);
        }
    }

    private TransportResponse response(DepositReceipt receipt, String what) {
        List<String> ids = new ArrayList<>();
        if (receipt.editIri() != null) {
            ids.add(receipt.editIri());
        }
        if (receipt.id() != null && !ids.contains(receipt.id())) {
            ids.add(receipt.id());
        }
        String handle = SwordStatement.handleFrom(receipt.alternate());
        if (handle != null) {
            ids.add(handle);
        }
        String statement = receipt.statementIri().orElse(null);
        boolean accepted = mapping.tryDecide(receipt.stateTerms()).filter(v -> v == CustodyVerdict.ACCEPTED)
                .isPresent();
        String message = what + (receipt.editIri() == null ? "" : "; Edit-IRI " + receipt.editIri())
                + (statement == null ? "; the receipt names no SWORD statement, so custody cannot be followed "
                + "automatically" : "")
                + (accepted ? "; the receipt's state " + receipt.stateTerms() + " maps to accepted" : "");
        return new TransportResponse(accepted ? TransportResponse.Custody.ACCEPTED : TransportResponse.Custody.SUBMITTED,
                statement, receipt.alternate(), ids, message);
    }

    @Override
    public void close() {
        // The HTTP client belongs to the transport and is shared; nothing to release per session.
        closed = true;
    }
}
