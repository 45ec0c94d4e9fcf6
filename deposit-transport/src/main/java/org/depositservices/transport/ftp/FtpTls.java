package org.depositservices.transport.ftp;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.net.util.TrustManagerUtils;
import org.depositservices.transport.PermanentTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the TLS context of explicit FTPS from the trust settings: the JVM's trust store, a trust-store, or all. */
final class FtpTls {

    private static final Logger LOG = LoggerFactory.getLogger(FtpTls.class);

    private FtpTls() {
    }

    static SSLContext context(FtpSettings s) throws PermanentTransportException {
        TrustManager[] trust;
        if (s.trustAll()) {
            LOG.warn("FTPS to {} trusts every server certificate (tls-trust-all): for tests only, never in production",
                    s.address());
            trust = new TrustManager[] {TrustManagerUtils.getAcceptAllTrustManager()};
        } else {
            trust = trustManagers(s);
        }
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trust, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new PermanentTransportException("cannot set up TLS for FTPS to " + s.address() + ": " + e, e);
        }
    }

    private static TrustManager[] trustManagers(FtpSettings s) throws PermanentTransportException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (s.trustStore() == null) {
                tmf.init((KeyStore) null); // the JVM's cacerts (or javax.net.ssl.trustStore)
            } else {
                char[] pw = s.trustStorePassword() == null ? null : s.trustStorePassword().toCharArray();
                tmf.init(KeyStore.getInstance(s.trustStore().toFile(), pw)); // type detected from the file
            }
            return tmf.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new PermanentTransportException("cannot load trust-store " + s.trustStore() + " for FTPS to "
                    + s.address() + ": " + e.getMessage() + " (check the file and trust-store-password)", e);
        }
    }
}
