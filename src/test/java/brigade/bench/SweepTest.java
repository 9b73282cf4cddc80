package brigade.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.primes.Dispatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepTest {
  private static final Sweep.AutoBatch AUTO = (count, pool) -> (int) (count / (pool * 10L));

  @Test
  void expandsEveryCombinationDispatchThenPoolThenBatch() {
    List<Sweep.Point> points = Sweep.expand(
        List.of(1, 2, 4), List.of(Sweep.AUTO, 16, 256), List.of(Dispatch.PUSH, Dispatch.PULL), 1000, AUTO);
    assertEquals(3 * 3 * 2, points.size());
    assertEquals(new Sweep.Point(Dispatch.PUSH, 1, 100, true), points.get(0));
    assertEquals(new Sweep.Point(Dispatch.PUSH, 1, 16, false), points.get(1));
    assertEquals(new Sweep.Point(Dispatch.PUSH, 2, 50, true), points.get(3));
    assertEquals(new Sweep.Point(Dispatch.PULL, 4, 256, false), points.get(17));
    assertEquals(points.size(), points.stream().map(Sweep.Point::label).distinct().count(), "labels are unique");
  }

  @Test
  void autoIsResolvedPerPoolSizeAndLabelledAsAuto() {
    Sweep.Point p = Sweep.expand(List.of(4), List.of(Sweep.AUTO), List.of(Dispatch.PULL), 4000, AUTO).get(0);
    assertEquals(100, p.batchSize());
    assertTrue(p.auto());
    assertEquals("auto", p.batchSetting());
    assertEquals("auto (100)", p.batchLabel());
    assertEquals("pull p=4 b=auto(100)", p.label());
  }

  @Test
  void autoNeverResolvesBelowOne() {
    Sweep.Point p = Sweep.expand(List.of(8), List.of(Sweep.AUTO), List.of(Dispatch.PUSH), 3, AUTO).get(0);
    assertEquals(1, p.batchSize());
  }

  @Test
  void fixedSizeKeepsItsSetting() {
    Sweep.Point p = Sweep.expand(List.of(2), List.of(64), List.of(Dispatch.PUSH), 10, AUTO).get(0);
    assertFalse(p.auto());
    assertEquals("64", p.batchSetting());
    assertEquals("push p=2 b=64", p.label());
  }

  @Test
  void repeatedValuesAreMeasuredOnce() {
    assertEquals(2, Sweep.expand(List.of(2, 2, 1), List.of(16, 16), List.of(Dispatch.PUSH, Dispatch.PUSH), 10, AUTO)
        .size());
  }

  @Test
  void emptyOrNonPositiveDimensionsAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> Sweep.expand(List.of(), List.of(16), List.of(Dispatch.PUSH), 10, AUTO));
    assertThrows(IllegalArgumentException.class,
        () -> Sweep.expand(List.of(0), List.of(16), List.of(Dispatch.PUSH), 10, AUTO));
    assertThrows(IllegalArgumentException.class,
        () -> Sweep.expand(List.of(1), List.of(-1), List.of(Dispatch.PUSH), 10, AUTO));
  }
}
