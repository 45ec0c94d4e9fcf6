package org.depositservices.packaging.nihms;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code embargo-months} NIHMS asks for: how many months after publication the manuscript may be made public.
 *
 * <p>Rule: months from the start date to the embargo end date, counting a started month as a whole one (so the
 * manuscript is never released before the end date), at least 0 (an end date on or before the start means no
 * embargo) and at most 12 (the DTD allows 0–12, and the NIH policy never allows more). The start date is the
 * publication date when the submission gives a full date (yyyy-MM-dd, optionally followed by a time) or a month
 * (yyyy-MM, taken as its first day); otherwise (a year only, free text, none) it is the day the package is made,
 * because counting from 1 January of the year could shorten the embargo the author asked for.
 */
public final class EmbargoMonths {

    public static final int MAX = 12;

    private static final Pattern DAY = Pattern.compile("^\\s*(\\d{4}-\\d{2}-\\d{2})(?:$|[T ].*)");
    private static final Pattern MONTH = Pattern.compile("^\\s*(\\d{4})-(\\d{2})\\s*$");

    private EmbargoMonths() {
    }

    /** Months from {@code start} to {@code end}, rounded up, clamped to 0..12. */
    public static int between(LocalDate start, LocalDate end) {
        if (!end.isAfter(start)) {
            return 0;
        }
        Period p = Period.between(start, end);
        long months = p.toTotalMonths() + (p.getDays() > 0 ? 1 : 0);
        return (int) Math.min(MAX, Math.max(0, months));
    }

    /**
     * The embargo months for a submission.
     *
     * @param publicationDate as the submission gives it (may be null or partial)
     * @param packagingDate   the day the package is made (UTC)
     */
    public static int of(LocalDate embargoEnd, String publicationDate, LocalDate packagingDate) {
        return between(startDate(publicationDate, packagingDate), embargoEnd);
    }

    /** The date the embargo is counted from (see the class comment). */
    public static LocalDate startDate(String publicationDate, LocalDate packagingDate) {
        if (publicationDate != null) {
            try {
                Matcher d = DAY.matcher(publicationDate);
                if (d.matches()) {
                    return LocalDate.parse(d.group(1));
                }
                Matcher m = MONTH.matcher(publicationDate);
                if (m.matches()) {
                    return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
                }
            } catch (DateTimeException e) {
                // an impossible date (2018-02-30) is as good as none
            }
        }
        return packagingDate;
    }
}
