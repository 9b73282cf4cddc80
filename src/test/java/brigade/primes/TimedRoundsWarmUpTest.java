package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The warm-up's rule: at least its minimum, then on while the JIT compiler is busy, never past its maximum. */
class TimedRoundsWarmUpTest {
  private static final Duration WINDOW = Duration.ofMillis(20);

  /** A round that takes ~2 ms of wall time, as real rounds do. */
  private static TimedRounds.WarmUpRound sleepy(AtomicLong rounds) {
    return round -> {
      rounds.incrementAndGet();
      Thread.sleep(2);
      return true;
    };
  }

  @Test
  void aQuietCompilerEndsTheWarmUpAtItsMinimum() throws InterruptedException {
    AtomicLong rounds = new AtomicLong();
    long start = System.nanoTime();
    TimedRounds.warmUp(Duration.ofMillis(50), Duration.ofSeconds(10), WINDOW, () -> 1234, sleepy(rounds));
    long took = (System.nanoTime() - start) / 1_000_000;
    assertTrue(took >= 50, "ran its minimum: " + took + " ms");
    assertTrue(took < 5_000, "a compiler that compiles nothing does not hold it up: " + took + " ms");
  }

  @Test
  void aBusyCompilerHoldsItUpToItsMaximum() throws InterruptedException {
    AtomicLong rounds = new AtomicLong();
    // Reports a compile time that grows as fast as the wall clock: a core busy compiling the whole time.
    long start = System.nanoTime();
    TimedRounds.warmUp(Duration.ofMillis(20), Duration.ofMillis(300), WINDOW,
        () -> (System.nanoTime() - start) / 1_000_000, sleepy(rounds));
    long took = (System.nanoTime() - start) / 1_000_000;
    assertTrue(took >= 300, "held up to the maximum: " + took + " ms");
  }

  @Test
  void itGoesOnUntilTheCompilerSettles() throws InterruptedException {
    AtomicLong rounds = new AtomicLong();
    long start = System.nanoTime();
    // Busy for the first 150 ms, quiet afterwards.
    TimedRounds.warmUp(Duration.ofMillis(20), Duration.ofSeconds(10), WINDOW,
        () -> Math.min(150, (System.nanoTime() - start) / 1_000_000), sleepy(rounds));
    long took = (System.nanoTime() - start) / 1_000_000;
    assertTrue(took >= 150, "waited for the compiler: " + took + " ms");
    assertTrue(took < 5_000, "stopped once it settled: " + took + " ms");
  }

  @Test
  void aShortLullBetweenBurstsDoesNotEndIt() throws InterruptedException {
    AtomicLong rounds = new AtomicLong();
    // The compiler's total, read once as the settling starts and then once per window: busy, quiet, busy, quiet,
    // quiet. Only the second quiet window in a row ends the warm-up: six reads.
    long[] totals = {0, 1_000, 1_000, 2_000, 2_000, 2_000, 2_000, 2_000};
    AtomicLong reads = new AtomicLong();
    TimedRounds.warmUp(Duration.ofMillis(1), Duration.ofSeconds(10), WINDOW,
        () -> totals[(int) Math.min(totals.length - 1, reads.getAndIncrement())], sleepy(rounds));
    assertEquals(6, reads.get(), "ended at the second quiet window in a row");
  }

  @Test
  void noCompileTimeOrNoMinimumMeansTheFixedRule() throws InterruptedException {
    AtomicLong rounds = new AtomicLong();
    assertEquals(0, TimedRounds.warmUp(Duration.ZERO, Duration.ofSeconds(1), WINDOW, () -> 0, sleepy(rounds)));
    assertEquals(0, rounds.get(), "no warm-up at all");
    long start = System.nanoTime();
    TimedRounds.warmUp(Duration.ofMillis(30), Duration.ofSeconds(10), WINDOW, null, sleepy(rounds));
    long took = (System.nanoTime() - start) / 1_000_000;
    assertTrue(took >= 30 && took < 5_000, took + " ms");
  }

  @Test
  void aCancelledRoundStopsItAtOnce() throws InterruptedException {
    AtomicLong rounds = new AtomicLong();
    int ran = TimedRounds.warmUp(Duration.ofSeconds(10), Duration.ofSeconds(10), WINDOW, () -> 0, round -> {
      rounds.incrementAndGet();
      return round < 2;
    });
    assertEquals(2, ran);
    assertEquals(3, rounds.get());
  }
}
