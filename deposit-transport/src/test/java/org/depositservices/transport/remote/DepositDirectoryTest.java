package org.depositservices.transport.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.depositservices.transport.DepositAttempt;
import org.junit.jupiter.api.Test;

class DepositDirectoryTest {

    @Test
    void percentSIsTodayInUtcWhateverTheClocksZone() {
        // 02:00 UTC on the 24th is still the 23rd in New York: PASS's %s is the UTC date.
        Clock newYork = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneId.of("America/New_York"));

        assertThat(new DepositDirectory("/logs/upload/%s").forToday(newYork)).isEqualTo("/logs/upload/2026-11-24");
        assertThat(new DepositDirectory("%s/x/%s").forToday(newYork)).isEqualTo("2026-11-24/x/2026-11-24");
        assertThat(new DepositDirectory(null).forToday(newYork)).isEmpty();
    }

    @Test
    void earlierDaysAreListedOnlyWhenTheDirectoryIsDated() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T00:30:00Z"), ZoneId.of("UTC"));

        assertThat(new DepositDirectory("/up/%s").forEarlierDays(clock, 2))
                .containsExactly("/up/2026-02-28", "/up/2026-02-27");
        assertThat(new DepositDirectory("/up/%s").forEarlierDays(clock, 0)).isEmpty();
        assertThat(new DepositDirectory("/up").forEarlierDays(clock, 2)).isEmpty();
    }

    @Test
    void relativeDirectoriesJoinTheLoginDirectoryAndPathsAreNormalised() {
        assertThat(DepositDirectory.resolve("/home/dep", "incoming/2026-11-24"))
                .isEqualTo("/home/dep/incoming/2026-11-24");
        assertThat(DepositDirectory.resolve("/home/dep", "/abs//dir/")).isEqualTo("/abs/dir");
        assertThat(DepositDirectory.resolve("/home/dep", "")).isEqualTo("/home/dep");
        assertThat(DepositDirectory.resolve("/", "./a")).isEqualTo("/a");
        assertThat(DepositDirectory.resolve("/", "")).isEqualTo("/");
        assertThat(DepositDirectory.child("/", "x.zip")).isEqualTo("/x.zip");
        assertThat(DepositDirectory.child("/a", "x.zip")).isEqualTo("/a/x.zip");
    }

    @Test
    void temporaryNamesCarryASafeFormOfTheAttemptToken() {
        assertThat(RemoteDelivery.tempName("p.zip", new DepositAttempt("d", "s", "3f2a-../x y", 2)))
                .isEqualTo("p.zip.part-3f2a-xy");
        assertThat(RemoteDelivery.tempName("p.zip", new DepositAttempt("d", "s", null, 2)))
                .isEqualTo("p.zip.part-attempt2");
        assertThat(RemoteDelivery.tempName("p.zip", new DepositAttempt("d", "s", "a".repeat(80), 1)))
                .isEqualTo("p.zip.part-" + "a".repeat(40));
    }
}
