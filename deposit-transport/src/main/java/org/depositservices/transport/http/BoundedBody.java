package org.depositservices.transport.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Collects at most {@code limit} bytes of a body and drains the rest, so a huge or hostile body costs bounded
 * memory while the connection still finishes normally.
 *
 * <pre>{@code
 * client.sendAsync(req, info -> HttpResponse.BodySubscribers.fromSubscriber(new BoundedBody(limit), b -> b));
 * }</pre>
 */
public final class BoundedBody implements Flow.Subscriber<List<ByteBuffer>> {

    private final int limit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean truncated;

    /** @param limit the most bytes kept */
    public BoundedBody(int limit) {
        this.limit = limit;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer b : items) {
            int room = limit - out.size();
            int n = Math.min(room, b.remaining());
            if (n < b.remaining()) {
                truncated = true;
            }
            if (n > 0) {
                byte[] chunk = new byte[n];
                b.get(chunk);
                out.write(chunk, 0, n);
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        // The HTTP client completes the response future exceptionally; nothing to keep here.
    }

    @Override
    public void onComplete() {
    }

    /** The bytes kept: the whole body, or its first {@code limit} bytes when {@link #truncated()}. */
    public byte[] bytes() {
        return out.toByteArray();
    }

    /** True when the body was longer than the limit. */
    public boolean truncated() {
        return truncated;
    }
}
