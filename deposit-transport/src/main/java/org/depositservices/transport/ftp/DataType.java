package org.depositservices.transport.ftp;

import org.apache.commons.net.ftp.FTP;

/** The {@code data-type} binding: the FTP representation type ({@code TYPE I} or {@code TYPE A}). */
public enum DataType {
    /** TYPE I: bytes arrive unchanged. The only sensible type for archives; sizes can be compared. */
    BINARY(FTP.BINARY_FILE_TYPE),
    /** TYPE A: line ends are converted, so the server's file size need not equal the bytes sent. */
    ASCII(FTP.ASCII_FILE_TYPE);

    private final int code;

    DataType(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    /** Whether the server's file size equals the number of bytes sent. */
    boolean preservesSize() {
        return this == BINARY;
    }
}
