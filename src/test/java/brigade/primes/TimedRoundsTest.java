package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimedRoundsTest {
  private static final Tally SOME = new Tally(10, 4, 0, 1234);

  @Test
  void ordersRotateSoEveryPassRunsInEveryPosition() {
    assertEquals(List.of(0, 1, 2), TimedRounds.order(3, 0, 0));
    assertEquals(List.of(1, 2, 0), TimedRounds.order(3, 1, 0));
    assertEquals(List.of(2, 0, 1), TimedRounds.order(3, 2, 0));
    assertEquals(TimedRounds.order(3, 1, 0), TimedRounds.order(3, 0, 1));
  }

  @Test
  void aRoundRunsEachPassOnceInItsOrderAndReportsTimesInTheGivenOrder() throws Exception {
    List<String> ran = new ArrayList<>();
    List<TimedRounds.Pass> passes = List.of(
        TimedRounds.pass("a", () -> { ran.add("a"); return SOME; }),
        TimedRounds.pass("b", () -> { ran.add("b"); return SOME; }),
        TimedRounds.pass("c", () -> { ran.add("c"); return SOME; }));
    TimedRounds.Round r = TimedRounds.round(passes, 1, 0, null, null, () -> false);
    assertEquals(List.of("b", "c", "a"), ran);
    assertEquals(3, r.nanos().length);
    for (long n : r.nanos()) assertTrue(n > 0);
    assertEquals(SOME, r.tally());
  }

  @Test
  void aPassThatComputesSomethingElseIsAMismatchNamingBoth() {
    List<TimedRounds.Pass> passes = List.of(
        TimedRounds.pass("actor pool", () -> SOME),
        TimedRounds.pass("fork-join", () -> new Tally(10, 4, 0, 1235)));
    TimedRounds.Mismatch e = assertThrows(TimedRounds.Mismatch.class,
        () -> TimedRounds.round(passes, 0, 0, null, null, () -> false));
    assertEquals("the fork-join pass (round 1) computed 10 answered, 4 prime, 0 factors, checksum 1235, but the "
        + "actor pool pass computed 10 answered, 4 prime, 0 factors, checksum 1234: its time would not measure the "
        + "same work", e.getMessage());
  }

  @Test
  void aCancelledPassDropsTheWholeRound() throws Exception {
    List<TimedRounds.Pass> passes = List.of(TimedRounds.pass("a", () -> SOME), TimedRounds.pass("b", () -> null));
    assertNull(TimedRounds.round(passes, 0, 0, SOME, "x", () -> false));
  }

  @Test
  void warmUpRunsAtLeastOneRoundAndStopsWhenARoundSaysSo() throws Exception {
    assertEquals(0, TimedRounds.warmUp(Duration.ZERO, r -> true));
    assertEquals(1, TimedRounds.warmUp(Duration.ofNanos(1), r -> true));
    assertEquals(3, TimedRounds.warmUp(Duration.ofHours(1), r -> r < 3));
  }
}
