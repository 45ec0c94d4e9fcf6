package org.depositservices.transport.sftp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

/**
 * Remembers why the key exchange failed, if it did: for each kind of algorithm the two sides share none of, what
 * the server offered and what we support, so that the failure says what to change instead of looking like a
 * refused login. One per session.
 */
final class KexCheck implements SessionListener {

    private volatile List<String> mismatches = List.of();
    private volatile boolean hostKeys;

    /** "server host key algorithms: the server offers [..], we support [..]", one per kind; empty if none. */
    List<String> mismatches() {
        return mismatches;
    }

    /** Whether one of the mismatches is the server's host key algorithms. */
    boolean hostKeys() {
        return hostKeys;
    }

    @Override
    public void sessionNegotiationEnd(Session session, Map<KexProposalOption, String> client,
                                      Map<KexProposalOption, String> server,
                                      Map<KexProposalOption, String> negotiated, Throwable reason) {
        if (reason == null) {
            return;
        }
        List<String> found = new ArrayList<>();
        for (KexProposalOption option : KexProposalOption.VALUES) {
            List<String> ours = algorithms(client.get(option));
            List<String> theirs = algorithms(server.get(option));
            if (!KexProposalOption.LANGUAGE_PROPOSALS.contains(option) && !ours.isEmpty()
                    && Collections.disjoint(ours, theirs)) {
                found.add(option.getDescription() + ": the server offers " + theirs + ", we support " + ours);
                hostKeys |= option == KexProposalOption.SERVERKEYS;
            }
        }
        mismatches = List.copyOf(found);
    }

    /** The names in a proposal, without the markers that only announce protocol extensions. */
    private static List<String> algorithms(String proposal) {
        if (proposal == null || proposal.isBlank()) {
            return List.of();
        }
        return Arrays.stream(proposal.split(","))
                .filter(n -> !n.startsWith("ext-info-") && !n.startsWith("kex-strict-"))
                .toList();
    }
}
