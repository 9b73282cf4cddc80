package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SequentialBaselineTest {
  @Test
  void countsPrimesAndFactors() {
    AtomicLong progress = new AtomicLong();
    SequentialBaseline.Counts c = SequentialBaseline.run(TrialDivision.INSTANCE, Job.CHECK,
        NumberSources.range(1, 100_000).open(), () -> false, progress);
    assertTrue(c.completed());
    assertEquals(100_000, c.numbers());
    assertEquals(9592, c.primes());
    assertEquals(100_000, progress.get());
    // 1..10: 2, 3, 2 2, 5, 2 3, 7, 2 2 2, 3 3, 2 5 = 15 factors, 4 primes
    SequentialBaseline.Counts f = SequentialBaseline.run(TrialDivision.INSTANCE, Job.FACTOR,
        NumberSources.range(1, 10).open(), () -> false, null);
    assertEquals(15, f.factors());
    assertEquals(4, f.primes());
  }

  @Test
  void stopsWhenCancelled() {
    AtomicLong seen = new AtomicLong();
    SequentialBaseline.Counts c = SequentialBaseline.run(TrialDivision.INSTANCE, Job.CHECK,
        NumberSources.range(1, 1_000_000).open(), () -> seen.incrementAndGet() > 500, null);
    assertFalse(c.completed());
    assertEquals(500, c.numbers());
  }

  @Test
  void warmUpRunsTheSampleRoundAndRoundUntilTheBudgetIsSpent() {
    long[] sample = NumberSources.random(64, 20_000, 100_000_000, 1).sample(64);
    assertTrue(SequentialBaseline.warmUp(TrialDivision.INSTANCE, Job.FACTOR, sample, 20_000_000) > 64,
        "20 ms is many passes over 64 numbers of microseconds each");
    assertEquals(0, SequentialBaseline.warmUp(TrialDivision.INSTANCE, Job.FACTOR, sample, 0), "no budget, no work");
    assertEquals(0, SequentialBaseline.warmUp(TrialDivision.INSTANCE, Job.CHECK, new long[0], 1_000_000));
  }
}
