package org.depositservices.transport.remote;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An upload stream to a server: every failure of writing, flushing or closing is the server's, and is thrown as a
 * {@link RemoteIOException} already classified by {@link #fail}, so it is never mistaken for a failure to read the
 * package's own source.
 */
public abstract class ServerOutputStream extends FilterOutputStream {

    protected ServerOutputStream(OutputStream out) {
        super(out);
    }

    /** The classified failure to throw for {@code e}. */
    protected abstract RemoteIOException fail(IOException e);

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            throw fail(e);
        }
    }
}
