package org.depositservices.transport.ftp;

import java.io.IOException;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;
import org.depositservices.packaging.PackageStream;
import org.depositservices.transport.DepositAttempt;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.TransportRequest;
import org.depositservices.transport.TransportResponse;
import org.depositservices.transport.TransportSession;
import org.depositservices.transport.remote.RemoteDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logged-in FTP (or explicit FTPS) control connection. {@link #send} reconnects first when an earlier failure
 * broke the connection or the server dropped it while idle, so a session can outlive a transient failure.
 */
final class FtpTransportSession implements TransportSession {

    private static final Logger LOG = LoggerFactory.getLogger(FtpTransportSession.class);

    private final FtpSettings settings;
    private final RemoteDelivery delivery;
    private final FtpFailures failures;
    private FTPClient client;
    private FtpFiles files;

    FtpTransportSession(FtpSettings settings, RemoteDelivery delivery) {
        this.settings = settings;
        this.delivery = delivery;
        this.failures = new FtpFailures(settings);
    }

    /** Connects and logs in; on failure nothing stays open. */
    void connect() throws TransportException {
        FTPClient c = settings.tls() ? new FTPSClient(false, FtpTls.context(settings)) : new FTPClient();
        if (c instanceof FTPSClient ftps) {
            ftps.setEndpointCheckingEnabled(settings.verifyHostname() && !settings.trustAll());
        }
        c.setConnectTimeout((int) settings.connectTimeout().toMillis());
        c.setDefaultTimeout((int) settings.dataTimeout().toMillis());
        c.setDataTimeout(settings.dataTimeout());
        c.setControlEncoding("UTF-8");
        c.setBufferSize(64 * 1024);
        String step = "connecting";
        try {
            c.connect(settings.host(), settings.port());
            if (!FTPReply.isPositiveCompletion(c.getReplyCode())) {
                throw failures.reply("connecting", c.getReplyCode(), c.getReplyString());
            }
            c.setSoTimeout((int) settings.dataTimeout().toMillis());
            step = "logging in as '" + settings.username() + "'";
            if (!c.login(settings.username(), settings.password())) {
                throw failures.reply(step, c.getReplyCode(), c.getReplyString());
            }
            if (c instanceof FTPSClient ftps) {
                step = "protecting the data connections (PBSZ 0, PROT P)";
                ftps.execPBSZ(0);
                ftps.execPROT("P");
            }
            step = "setting the data type " + settings.dataType();
            if (!c.setFileType(settings.dataType().code())) {
                throw failures.reply(step, c.getReplyCode(), c.getReplyString());
            }
            if (settings.transferMode() != TransferMode.STREAM) {
                step = "setting the transfer mode " + settings.transferMode();
                if (!c.setFileTransferMode(settings.transferMode().code())) {
                    throw failures.reply(step, c.getReplyCode(), c.getReplyString());
                }
            }
            if (settings.passive()) {
                c.enterLocalPassiveMode();
            } else {
                c.enterLocalActiveMode();
            }
        } catch (IOException e) {
            disconnect(c);
            throw failures.io(step, e);
        } catch (TransportException | RuntimeException e) {
            disconnect(c);
            throw e;
        }
        this.client = c;
        this.files = new FtpFiles(c, settings, failures);
        LOG.debug("connected to FTP server {} as '{}' (tls={})", settings.address(), settings.username(),
                settings.tls());
    }

    @Override
    public TransportResponse send(TransportRequest request) throws TransportException {
        return deliver(request.requirePackage(settings.tls() ? "ftps" : "ftp"), request.attempt());
    }

    private TransportResponse deliver(PackageStream pkg, DepositAttempt attempt) throws TransportException {
        ensureConnected();
        try {
            return delivery.deliver(files, pkg, attempt).toResponse();
        } finally {
            if (files.broken()) {
                close(); // reconnect on the next send
            }
        }
    }

    private void ensureConnected() throws TransportException {
        if (client != null && client.isConnected() && !files.broken()) {
            try {
                if (client.sendNoOp()) {
                    return;
                }
            } catch (IOException e) {
                LOG.debug("FTP connection to {} is gone ({}); reconnecting", settings.address(), e.toString());
            }
        }
        close();
        connect();
    }

    @Override
    public void close() {
        if (client != null) {
            if (client.isConnected() && !files.broken()) {
                try {
                    client.logout();
                } catch (IOException e) {
                    LOG.debug("QUIT to {} failed: {}", settings.address(), e.toString());
                }
            }
            disconnect(client);
            client = null;
        }
    }

    private void disconnect(FTPClient c) {
        try {
            if (c.isConnected()) {
                c.disconnect();
            }
        } catch (IOException e) {
            LOG.debug("disconnect from {} failed: {}", settings.address(), e.toString());
        }
    }
}
