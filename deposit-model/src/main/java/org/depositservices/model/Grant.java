package org.depositservices.model;

import java.util.List;

/** A grant that funded the work; NIHMS needs the award number, funder and PI. */
public record Grant(String awardNumber, Funder funder, Person pi, List<Person> coPis) {
    public Grant {
        coPis = coPis == null ? List.of() : List.copyOf(coPis);
    }
}
