package org.depositservices.packaging.mets;

import java.util.Map;
import java.util.Objects;
import org.depositservices.packaging.PackagingException;

/**
 * Options of the DSpace METS spec, read from {@code assembler.options} in repositories.json.
 *
 * <ul>
 *   <li>{@code agent-name}: the name of the software agent recorded in {@code metsHdr} (default "Deposit
 *   Services").</li>
 *   <li>{@code embargo-terms-field}: the DSpace field DSpace's embargo setter reads the terms from
 *   ({@code embargo.field.terms} in dspace.cfg; default {@code local.embargo.terms}).</li>
 *   <li>{@code embargo-lift-field}: the DSpace field holding the lift date ({@code embargo.field.lift}; default
 *   {@code local.embargo.lift}). Both carry the embargo end date as yyyy-MM-dd, which is what DSpace's default
 *   embargo setter parses.</li>
 * </ul>
 */
public record DspaceMetsOptions(String agentName, DimField embargoTermsField, DimField embargoLiftField) {

    public static final String AGENT_NAME = "agent-name";
    public static final String EMBARGO_TERMS_FIELD = "embargo-terms-field";
    public static final String EMBARGO_LIFT_FIELD = "embargo-lift-field";

    public static final DspaceMetsOptions DEFAULTS = new DspaceMetsOptions("Deposit Services",
            DimField.parse("local.embargo.terms"), DimField.parse("local.embargo.lift"));

    public DspaceMetsOptions {
        Objects.requireNonNull(agentName, "agentName");
        Objects.requireNonNull(embargoTermsField, "embargoTermsField");
        Objects.requireNonNull(embargoLiftField, "embargoLiftField");
    }

    /**
     * Reads the options, falling back to {@link #DEFAULTS} for what is absent.
     *
     * @throws PackagingException naming the option when a value is not a string or not a DSpace field
     */
    public static DspaceMetsOptions fromSpecOptions(Map<String, Object> specOptions) {
        Map<String, Object> o = specOptions == null ? Map.of() : specOptions;
        String agent = string(o, AGENT_NAME);
        return new DspaceMetsOptions(
                agent == null || agent.isBlank() ? DEFAULTS.agentName() : agent.trim(),
                field(o, EMBARGO_TERMS_FIELD, DEFAULTS.embargoTermsField()),
                field(o, EMBARGO_LIFT_FIELD, DEFAULTS.embargoLiftField()));
    }

    private static DimField field(Map<String, Object> o, String key, DimField fallback) {
        String v = string(o, key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return DimField.parse(v);
        } catch (IllegalArgumentException e) {
            throw new PackagingException("assembler.options." + key + ": " + e.getMessage(),
                    "assembler.options." + key);
        }
    }

    private static String string(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new PackagingException("assembler.options." + key + " must be a string, was " + v.getClass()
                .getSimpleName() + " (" + v + ")", "assembler.options." + key);
    }
}
