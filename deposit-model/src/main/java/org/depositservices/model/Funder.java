package org.depositservices.model;

/** A funder of a grant. {@code localKey} is the institution's own key, mapped to e.g. NIHMS funder codes. */
public record Funder(String name, String localKey) {
}
