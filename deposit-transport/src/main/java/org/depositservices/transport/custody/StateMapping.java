package org.depositservices.transport.custody;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.depositservices.transport.PermanentTransportException;
import org.depositservices.transport.RepositoryConfig;

/**
 * A repository's {@code deposit-config.mapping}: repository state term → accepted / rejected / submitted, with an
 * optional {@code default-mapping} for terms not listed; shared by every integration whose repository reports
 * custody in a vocabulary of its own (SWORD statements, DSpace workflow states, InvenioRDM review states). Decides
 * what the states a repository reports mean:
 *
 * <ul>
 *   <li>no state at all → SUBMITTED ("not decided yet"): the repository has not said, and {@code default-mapping}
 *   is kept for states it does say but we do not know;</li>
 *   <li>one state → its mapping, else {@code default-mapping}, else a permanent error that names the term and the
 *   mapping to add it to;</li>
 *   <li>several states → each is mapped as above, and the strongest wins: rejected &gt; accepted &gt; submitted
 *   (e.g. "archived" and "withdrawn" together mean it was withdrawn after archiving).</li>
 * </ul>
 * Terms are compared exactly (they are IRIs), ignoring surrounding white space.
 */
public final class StateMapping {

    public static final String DEFAULT_KEY = "default-mapping";

    private final String repositoryKey;
    private final Map<String, String> mapping;

    public StateMapping(RepositoryConfig config) {
        this.repositoryKey = config.key();
        this.mapping = config.statusMapping();
    }

    /**
     * What the states mean.
     *
     * @param states    the state terms the repository gives, in document order
     * @param statement where they came from, for messages (e.g. {@code SWORD statement https://...})
     * @param noState   why there is no state, said when {@code states} is empty
     * @throws PermanentTransportException when a term is not mapped and there is no default, or a mapping value is
     *                                     not accepted / rejected / submitted
     */
    public Decision decide(List<String> states, String statement, String noState)
            throws PermanentTransportException {
        if (states.isEmpty()) {
            return new Decision(CustodyVerdict.SUBMITTED, null, noState + "; custody is not decided yet");
        }
        CustodyVerdict best = null;
        String bestTerm = null;
        boolean byDefault = false;
        List<String> unmapped = new ArrayList<>();
        for (String raw : states) {
            String term = raw.trim();
            Optional<CustodyVerdict> v = verdictOf(term);
            boolean isDefault = false;
            if (v.isEmpty()) {
                v = defaultVerdict();
                isDefault = v.isPresent();
            }
            if (v.isEmpty()) {
                unmapped.add(term);
                continue;
            }
            if (best == null || v.get().strongest(best) != best) {
                best = v.get();
                bestTerm = term;
                byDefault = isDefault;
            }
        }
        if (!unmapped.isEmpty()) {
            String t = unmapped.get(0);
            throw new PermanentTransportException(statement + " reports state '" + t + "', which "
                    + repositoryKey + ".deposit-config.mapping does not map, and it has no \"" + DEFAULT_KEY
                    + "\": add \"" + t + "\": \"accepted\" | \"rejected\" | \"submitted\" (or a \"" + DEFAULT_KEY
                    + "\") to " + repositoryKey + ".deposit-config.mapping");
        }
        String note = "state " + bestTerm + " maps to " + best.name().toLowerCase(java.util.Locale.ROOT)
                + (byDefault ? " by " + DEFAULT_KEY + " (it is not listed in " + repositoryKey
                + ".deposit-config.mapping)" : "")
                + (states.size() > 1 ? "; the statement gives " + states.size() + " states " + states
                + ", the strongest wins (rejected > accepted > submitted)" : "");
        return new Decision(best, bestTerm, note);
    }

    /**
     * What the states say, without failing: a receipt is read right after the package arrived, and an unknown
     * state there must not fail a delivered deposit (the status processor decides later).
     */
    public Optional<CustodyVerdict> tryDecide(List<String> states) {
        if (states.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(decide(states, "receipt", "no state").verdict());
        } catch (PermanentTransportException e) {
            return Optional.empty();
        }
    }

    private Optional<CustodyVerdict> verdictOf(String term) throws PermanentTransportException {
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            if (e.getKey() != null && !e.getKey().equals(DEFAULT_KEY) && e.getKey().trim().equals(term)) {
                return Optional.of(parse(e.getKey(), e.getValue()));
            }
        }
        return Optional.empty();
    }

    private Optional<CustodyVerdict> defaultVerdict() throws PermanentTransportException {
        String v = mapping.get(DEFAULT_KEY);
        return v == null ? Optional.empty() : Optional.of(parse(DEFAULT_KEY, v));
    }

    private CustodyVerdict parse(String key, String value) throws PermanentTransportException {
        return CustodyVerdict.parse(value).orElseThrow(() -> new PermanentTransportException(
                repositoryKey + ".deposit-config.mapping." + key + ": \"" + value
                        + "\" is not accepted, rejected or submitted"));
    }

    /** Problems in the mapping's values, each naming its JSON path. */
    public static List<String> problems(RepositoryConfig config) {
        List<String> out = new ArrayList<>();
        config.statusMapping().forEach((k, v) -> {
            if (CustodyVerdict.parse(v).isEmpty()) {
                out.add(config.key() + ".deposit-config.mapping." + k + ": \"" + v
                        + "\" is not accepted, rejected or submitted");
            }
        });
        return out;
    }

    /**
     * @param state the term that decided, null when the statement gave none
     * @param note  how it was decided, for the deposit's status message and the log
     */
    public record Decision(CustodyVerdict verdict, String state, String note) {
    }
}
