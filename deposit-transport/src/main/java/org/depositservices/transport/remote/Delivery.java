package org.depositservices.transport.remote;

import java.util.List;
import org.depositservices.transport.TransportResponse;

/**
 * What {@link RemoteDelivery} did with one package.
 *
 * @param kind         sent, found already complete, or sent again over a different earlier file
 * @param path         the final absolute path on the server
 * @param url          the same as a URL without credentials; becomes the deposit's status reference
 * @param size         bytes of the package, which the server's file now has
 * @param removedTemps temporary files of earlier, interrupted attempts that were removed
 */
public record Delivery(Kind kind, String path, String url, long size, List<String> removedTemps) {

    public enum Kind {
        /** Uploaded under a temporary name and renamed. */
        SENT,
        /** The final name already held a file of the package's size (an earlier try arrived): nothing was sent. */
        ALREADY_PRESENT,
        /** The final name held a file of another size; the package was uploaded and replaced it. */
        REPLACED
    }

    public Delivery {
        removedTemps = removedTemps == null ? List.of() : List.copyOf(removedTemps);
    }

    /** The package reached the server; the repository confirms custody later, so the deposit is SUBMITTED. */
    public TransportResponse toResponse() {
        return new TransportResponse(TransportResponse.Custody.SUBMITTED, url, null, List.of(), message());
    }

    public String message() {
        return switch (kind) {
            case SENT -> "uploaded " + size + " bytes to " + url;
            case ALREADY_PRESENT -> url + " was already complete (" + size
                    + " bytes, the package's size) from an earlier try: not sent again";
            case REPLACED -> "uploaded " + size + " bytes to " + url + ", replacing a file of another size";
        };
    }
}
