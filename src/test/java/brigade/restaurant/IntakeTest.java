package brigade.restaurant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntakeTest {
  @Test
  void withoutARateEveryOrderArrivesAtOnceAndIsTakenInAsTheBookHasRoom() {
    Intake in = new Intake(10_000_000, 500, 0);
    assertEquals(10_000_000, in.waiting(0));
    assertEquals(1024, Intake.room(in.waiting(0), 0, 1024), "a window's worth, not ten million");
    assertEquals(24, Intake.room(in.waiting(0), 1000, 1024));
    assertEquals(0, Intake.room(in.waiting(0), 1024, 1024));
    assertEquals(500, in.takeNext(), "arrived when the door opened");
    assertEquals(1, in.takenIn());
    assertEquals(9_999_999, in.waiting(0));
  }

  @Test
  void atARateOrderIArrivesAtIOverRateAndTheLastEndsTheWindow() {
    // 4 orders, one every 250 ms (wall, already scaled), from t = 1000.
    Intake in = new Intake(4, 1000, 250e6);
    assertEquals(0, in.arrivedBy(999));
    assertEquals(1, in.arrivedBy(1000));
    assertEquals(1, in.arrivedBy(1000 + 249_999_999));
    assertEquals(2, in.arrivedBy(1000 + 250_000_000));
    assertEquals(4, in.arrivedBy(Long.MAX_VALUE / 2), "never more than planned");
    assertEquals(1000 + 750_000_000, in.lastArrival());
    long now = 1000 + 600_000_000;
    assertEquals(3, in.waiting(now));
    assertEquals(1000, in.takeNext());
    assertEquals(1000 + 250_000_000, in.takeNext());
    assertEquals(1, in.waiting(now));
    assertEquals(3, in.peakWaiting());
  }

  @Test
  void ordersNeverTakenInAreCountedNotHeld() {
    Intake in = new Intake(3, 0, 0);
    in.takeNext();
    in.takeNext();
    in.takeNext();
    assertTrue(in.allTakenIn());
    assertThrows(IllegalStateException.class, in::takeNext);
    Intake closedEarly = new Intake(1_000_000_000, 0, 0);
    closedEarly.takeNext();
    assertEquals(1_000_000_000 - 1, closedEarly.planned() - closedEarly.takenIn(), "planned N, taken in M");
  }
}
