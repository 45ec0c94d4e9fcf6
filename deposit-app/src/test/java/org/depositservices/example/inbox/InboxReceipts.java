package org.depositservices.example.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.depositservices.model.DepositStatus;
import org.depositservices.transport.DepositStatusProcessor;
import org.depositservices.transport.IntegrationEnvironment;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;
import org.depositservices.transport.TransientTransportException;
import org.depositservices.transport.TransportException;
import org.depositservices.transport.custody.CustodyProvider;

/**
 * The worked example's custody method ({@code deposit-config.custody.method: inbox-receipts}), discovered like its
 * transport: the repository's curators write their decision, {@code accepted} or {@code rejected}, into a file
 * ({@code receipt-file}) in the delivered directory; until then the deposit stays SUBMITTED.
 */
public final class InboxReceipts implements CustodyProvider {

    @Override
    public String method() {
        return "inbox-receipts";
    }

    @Override
    public List<String> validate(RepositoryConfig config) {
        List<String> problems = new ArrayList<>();
        Object file = config.custody().get("receipt-file");
        if (file == null || file.toString().isBlank() || file.toString().contains("/")) {
            problems.add(config.key() + ".deposit-config.custody.receipt-file: missing, or not a plain file name");
        }
        return problems;
    }

    @Override
    public DepositStatusProcessor create(IntegrationEnvironment environment) {
        return (ref, config) -> {
            Path receipt = Path.of(ref).resolve(config.custody().get("receipt-file").toString());
            if (!Files.exists(receipt)) {
                return new DepositStatusProcessor.CustodyReport(DepositStatus.SUBMITTED, null, null, null);
            }
            String decision;
            try {
                decision = Files.readString(receipt).strip().toLowerCase(Locale.ROOT);
            } catch (IOException e) {
                throw new TransientTransportException("cannot read " + receipt + ": " + e.getMessage(), e);
            }
            return switch (decision) {
                case "accepted" -> new DepositStatusProcessor.CustodyReport(DepositStatus.ACCEPTED, decision,
                        Path.of(ref).toUri().toString(), List.of());
                case "rejected" -> new DepositStatusProcessor.CustodyReport(DepositStatus.REJECTED, decision, null,
                        List.of());
                default -> throw permanent(receipt, decision);
            };
        };
    }

    private static TransportException permanent(Path receipt, String decision) {
        return new PermanentTransportException(receipt + " says '" + decision + "', neither accepted nor rejected");
    }
}
