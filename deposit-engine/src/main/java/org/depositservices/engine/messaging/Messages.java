package org.depositservices.engine.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.depositservices.store.OutboxEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PASS message bodies, so that a PASS broker can drive this engine and the other way round:
 * {@code {"submission":"<id>","type":"SubmissionReady"}} and {@code {"deposit":"<id>","type":"DepositStatus"}}, each
 * with a JMS string property {@code type} of the same value.
 */
public final class Messages {
    public static final String TYPE_PROPERTY = "type";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Messages() {
    }

    /** A parsed message: its type and the id of the resource it is about. */
    public record Parsed(OutboxEvent.Type type, String resourceId) {
    }

    public static String body(OutboxEvent.Type type, String resourceId) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(type == OutboxEvent.Type.SubmissionReady ? "submission" : "deposit", resourceId);
        m.put("type", type.name());
        return JSON.writeValueAsString(m);
    }

    /** The message, or empty when the body is not one of ours (it is then logged and dropped). */
    public static Optional<Parsed> parse(String body, String typeProperty) {
        if (body == null) {
            return Optional.empty();
        }
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (n == null || !n.isObject()) {
            return Optional.empty();
        }
        String type = n.path("type").isString() ? n.get("type").asString() : typeProperty;
        if (OutboxEvent.Type.SubmissionReady.name().equals(type) && n.path("submission").isString()) {
            return Optional.of(new Parsed(OutboxEvent.Type.SubmissionReady, n.get("submission").asString()));
        }
        if (OutboxEvent.Type.DepositStatus.name().equals(type) && n.path("deposit").isString()) {
            return Optional.of(new Parsed(OutboxEvent.Type.DepositStatus, n.get("deposit").asString()));
        }
        return Optional.empty();
    }
}
