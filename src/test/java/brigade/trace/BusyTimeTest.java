package brigade.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Busy share and longest idle gap of one actor's spans. */
class BusyTimeTest {

  @Test
  void utilisationIsBusyOverTheRunAndTheLongestGapMayBeAtEitherEnd() {
    BusyTime b = new BusyTime();
    b.add(10, 20);
    b.add(25, 45);
    b.add(80, 90);
    assertEquals(40, b.busyNanos());
    assertEquals(0.4, b.utilisation(0, 100), 1e-12);
    assertEquals(35, b.longestIdleNanos(0, 100), "between 45 and 80");
    assertEquals(110, b.longestIdleNanos(0, 200), "after the last span");
    assertEquals(60, b.longestIdleNanos(-50, 100), "before the first span");
  }

  @Test
  void overlapIsNeverCountedTwice() {
    BusyTime b = new BusyTime();
    b.add(0, 10);
    b.add(5, 15);
    b.add(12, 14);
    assertEquals(15, b.busyNanos());
    assertEquals(1.0, b.utilisation(0, 15), 1e-12);
  }

  @Test
  void anActorThatNeverWorkedWasIdleTheWholeRun() {
    BusyTime b = new BusyTime();
    assertEquals(0, b.utilisation(0, 100));
    assertEquals(100, b.longestIdleNanos(0, 100));
    assertEquals(0, b.utilisation(5, 5), "an empty run");
  }
}
