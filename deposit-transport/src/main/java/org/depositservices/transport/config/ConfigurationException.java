package org.depositservices.transport.config;

import java.util.List;

/** repositories.json cannot be used. Each problem names the JSON path of the bad value; no secret is quoted. */
public class ConfigurationException extends RuntimeException {
    private final List<String> problems;

    public ConfigurationException(String source, List<String> problems) {
        super("repository configuration " + source + " is not usable:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
