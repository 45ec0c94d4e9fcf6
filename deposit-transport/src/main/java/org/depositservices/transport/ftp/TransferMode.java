package org.depositservices.transport.ftp;

import org.apache.commons.net.ftp.FTP;

/**
 * The {@code transfer-mode} binding: the FTP transfer mode ({@code MODE}). Only modes whose data encoding the
 * client really performs are offered: Commons Net sends {@code MODE B} and {@code MODE C} but then writes plain
 * stream data, which a server honouring those modes would misread, so "block" and "compressed" are refused at
 * validation instead of corrupting uploads.
 */
public enum TransferMode {
    /** MODE S, the default and what every server supports. */
    STREAM(FTP.STREAM_TRANSFER_MODE),
    /** MODE Z: the data connection is deflated (zlib); the server must support it. */
    DEFLATE(FTP.DEFLATE_TRANSFER_MODE);

    private final int code;

    TransferMode(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
