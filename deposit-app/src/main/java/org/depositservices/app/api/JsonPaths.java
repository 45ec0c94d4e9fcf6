package org.depositservices.app.api;

import java.util.List;
import tools.jackson.databind.DatabindException;

/** Turns Jackson's reference chain into a readable path like {@code files[2].role}. */
final class JsonPaths {
    private JsonPaths() {
    }

    static String of(List<DatabindException.Reference> path) {
        StringBuilder b = new StringBuilder();
        for (DatabindException.Reference r : path) {
            if (r.getPropertyName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }
}
