package org.depositservices.transport.http;

import java.time.Duration;

/**
 * A timeout and how a message names it, so an operator who meets it knows which setting to raise.
 *
 * @param duration how long to wait
 * @param name     how messages name it: usually the JSON path of the configuration key that sets it
 */
public record Timeout(Duration duration, String name) {
}
