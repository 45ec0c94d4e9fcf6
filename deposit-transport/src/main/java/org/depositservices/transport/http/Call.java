package org.depositservices.transport.http;

/**
 * What a request is for, in an operator's words, and where to look when its URL turns out wrong. Every failure
 * message starts with {@code what} and ends, where the URL may be at fault, with {@code configHint}.
 *
 * @param what       what was being done, e.g. "fetching the SWORD service document"
 * @param configHint the configuration to check, e.g. the JSON path of the key that holds the URL
 */
public record Call(String what, String configHint) {
}
