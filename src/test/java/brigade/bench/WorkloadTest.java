package brigade.bench;

import brigade.primes.Tally;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.primes.Job;
import brigade.primes.TrialDivision;
import org.junit.jupiter.api.Test;

class WorkloadTest {
  @Test
  void sameSeedSameNumbersWithinBounds() {
    long[] a = Workload.randomNumbers(1000, 7, 20_000, 100_000_000);
    assertArrayEquals(a, Workload.randomNumbers(1000, 7, 20_000, 100_000_000));
    for (long n : a) assertTrue(n >= 20_000 && n <= 100_000_000, Long.toString(n));
    assertTrue(java.util.Arrays.stream(a).distinct().count() > 990);
  }

  @Test
  void boundsReachTheTopOfTheLongRange() {
    long top = Long.MAX_VALUE;
    for (long n : Workload.randomNumbers(1000, 3, 1L << 62, top)) assertTrue(n >= 1L << 62, Long.toString(n));
    for (long n : Workload.randomNumbers(1000, 3, 0, top)) assertTrue(n >= 0, Long.toString(n));
    assertArrayEquals(new long[] {top, top}, Workload.randomNumbers(2, 3, top, top));
    assertArrayEquals(new long[] {5, 5}, Workload.randomNumbers(2, 3, 5, 5));
  }

  @Test
  void batchesAddUpToTheSequentialTally() {
    long[] numbers = {0, 1, 2, 12, 97, 1099726899285419L, 1 << 20, 999_983};
    Workload w = new Workload(numbers, Job.FACTOR, TrialDivision.INSTANCE);
    Tally seq = w.sequential();
    assertEquals(numbers.length, seq.answered());
    assertEquals(3, seq.primes()); // 2, 97, 999983
    assertEquals(0 + 0 + 1 + 3 + 1 + 2 + 20 + 1, seq.factors());
    Tally.Builder t = new Tally.Builder();
    t.add(w.batch(0, 3));
    t.add(w.batch(3, numbers.length));
    assertEquals(seq, t.build());
  }

  @Test
  void forkJoinReferenceComputesTheSameTally() {
    long[] numbers = Workload.randomNumbers(500, 1, 2, 1_000_000);
    Workload w = new Workload(numbers, Job.CHECK, TrialDivision.INSTANCE);
    try (brigade.primes.ForkJoinPass fj = new brigade.primes.ForkJoinPass()) {
      assertEquals(w.sequential(), fj.run(w.job(), w.algorithm(), brigade.primes.NumberSource.of(numbers), 2, 33, 4,
          () -> false));
    }
  }
}
