package org.depositservices.packaging.nihms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EmbargoMonthsTest {

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void wholeMonthsCountExactlyAndAStartedMonthCountsAsOne() {
        assertThat(EmbargoMonths.between(d("2018-09-12"), d("2019-03-12"))).isEqualTo(6);
        assertThat(EmbargoMonths.between(d("2018-09-12"), d("2019-03-13"))).isEqualTo(7);
        assertThat(EmbargoMonths.between(d("2018-09-12"), d("2018-09-13"))).isEqualTo(1);
        assertThat(EmbargoMonths.between(d("2018-01-31"), d("2018-02-28"))).isEqualTo(1);
    }

    @Test
    void anEndOnOrBeforeTheStartIsNoEmbargoAndFarAheadIsClampedToTwelve() {
        assertThat(EmbargoMonths.between(d("2018-09-12"), d("2018-09-12"))).isZero();
        assertThat(EmbargoMonths.between(d("2018-09-12"), d("2018-06-30"))).isZero();
        assertThat(EmbargoMonths.between(d("2018-09-12"), d("2019-09-12"))).isEqualTo(12);
        assertThat(EmbargoMonths.between(d("2018-09-12"), d("2019-09-13"))).isEqualTo(12);
        assertThat(EmbargoMonths.between(d("2018-09-12"), d("2999-01-01"))).isEqualTo(12);
    }

    @Test
    void theStartIsThePublicationDateWhenItIsADayOrMonthElseThePackagingDay() {
        LocalDate today = d("2026-03-04");
        assertThat(EmbargoMonths.startDate("2018-09-12", today)).isEqualTo(d("2018-09-12"));
        assertThat(EmbargoMonths.startDate("2018-09-12T00:00:00.000Z", today)).isEqualTo(d("2018-09-12"));
        assertThat(EmbargoMonths.startDate("2018-09", today)).isEqualTo(d("2018-09-01"));
        assertThat(EmbargoMonths.startDate("2018", today)).isEqualTo(today);
        assertThat(EmbargoMonths.startDate("May 2015", today)).isEqualTo(today);
        assertThat(EmbargoMonths.startDate("2018-02-30", today)).isEqualTo(today);
        assertThat(EmbargoMonths.startDate(null, today)).isEqualTo(today);
        assertThat(EmbargoMonths.of(d("2026-09-04"), null, today)).isEqualTo(6);
    }
}
