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
        guard(() -> out.write(b));
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        guard(() -> out.write(b, off, len));
    }

    @Override
    public void flush() throws IOException {
        guard(out::flush);
    }

    @Override
    public void close() throws IOException {
        guard(out::close);
    }

    private interface ServerCall {
        void run() throws IOException;
    }

    private void guard(ServerCall call) throws IOException {
        try {
            call.run();
        } catch (IOException e) {
            throw fail(e);
        }
    }
}
