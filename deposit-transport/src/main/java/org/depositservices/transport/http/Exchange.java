package org.depositservices.transport.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * A response with its body read, at most the limit {@link BoundedHttp} was given.
 *
 * @param uri       the URI the request went to
 * @param truncated true when the body was longer than the limit and only its start is in {@code body}
 */
public record Exchange(URI uri, int status, HttpHeaders headers, byte[] body, boolean truncated) {

    /** The first value of a header, if the response has it. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }
}
