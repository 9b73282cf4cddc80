package brigade.primes;

import static brigade.primes.Jobs.assertInOrderOnce;
import static brigade.primes.Jobs.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import brigade.testkit.BrigadeTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * One number split into divisor ranges across the workers: the same answers as the unsplit run (and so as GNU
 * factor, which checks trial division itself), on the numbers where a split could go wrong.
 */
@BrigadeTestKit(config = "akka.actor.testkit.typed.single-expect-default = 20s")
class SplitNumbersTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int RANGES = 6;

  private static boolean prime(long n) {
    return TrialDivision.INSTANCE.isPrime(n);
  }

  private static long primeBelow(long n) {
    long p = n - 1;
    while (!prime(p)) p--;
    return p;
  }

  /**
   * p·q (p < q, both prime, n below 2^45) with p the first candidate of one of n's ranges, and another with p the
   * last candidate of one. Range i of n = p·q starts near sqrt(p·q)·i/RANGES, which equals p near p = q·i²/RANGES²:
   * the odd p around there are tried, for primes q below 2^22, until both are found.
   */
  static List<Long> divisorOnARangeBoundary() {
    Long onFirst = null;
    Long onLast = null;
    for (long q = primeBelow(1L << 22); q > 3_000_000 && (onFirst == null || onLast == null); q = primeBelow(q)) {
      for (int i = 1; i < RANGES; i++) {
        long around = q * i * i / ((long) RANGES * RANGES) | 1;
        for (long p = Math.max(5, around - 64); p <= around + 64; p += 2) {
          if (!prime(p)) continue;
          long[][] ranges = DivisorRanges.ranges(p * q, RANGES);
          for (long[] r : ranges) {
            if (onFirst == null && r[0] == p) onFirst = p * q;
            if (onLast == null && r[1] == p) onLast = p * q;
          }
        }
      }
    }
    assertTrue(onFirst != null && onLast != null, "first " + onFirst + ", last " + onLast);
    return List.of(onFirst, onLast);
  }

  private static long[] hardNumbers() {
    List<Long> numbers = new ArrayList<>(divisorOnARangeBoundary());
    long p = primeBelow(1L << 22);
    numbers.add(p * p); // the only divisor is the last candidate of the last range
    numbers.add(p); // prime: every range must come back clear
    numbers.add(primeBelow(1L << 45)); // a prime near 2^45
    long q = 1_000_003;
    long r = 1_000_033;
    numbers.add(3 * q * r); // divisors in the first range and in a middle one
    numbers.add(9L); // one candidate (3 = isqrt): nothing to split
    numbers.add(25L); // the smallest split: candidates 3 and 5, a range each
    numbers.add(1L << 40); // even: never split
    return numbers.stream().mapToLong(Long::longValue).toArray();
  }

  private static JobSpec spec(Dispatch dispatch, boolean split) {
    JobSpec s = new JobSpec(Job.CHECK, TrialDivision.INSTANCE, dispatch, 2, 1, 8, 3, TIMEOUT);
    return split ? s.withSplit(RANGES, 2) : s;
  }

  @ParameterizedTest
  @EnumSource(Dispatch.class)
  void splitAndUnsplitRunsGiveTheSameAnswers(Dispatch dispatch, ActorTestKit kit) {
    long[] numbers = hardNumbers();
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2)) {
      Recorder unsplit = new Recorder();
      await(kitchen.start(spec(dispatch, false), new ArraySource(numbers), unsplit, ProgressListener.NONE));
      Recorder split = new Recorder();
      JobResult r = await(kitchen.start(spec(dispatch, true), new ArraySource(numbers), split, ProgressListener.NONE));
      assertEquals(Recorder.expected(Job.CHECK, numbers), split.lines());
      assertEquals(unsplit.lines(), split.lines());
      assertInOrderOnce(split, numbers.length);
      assertEquals(numbers.length - 2, r.splitNumbers(), "all but the even number and 9 (one candidate: 3)");
      assertTrue(r.splitRanges() > r.splitNumbers(), r.toString());
      // Every number is counted once, by the worker whose range decided it.
      assertEquals(numbers.length, r.workers().stream().mapToLong(JobResult.WorkerStats::numbers).sum());
    }
  }

  @Test
  void theFirstDivisorFoundCancelsTheRangesNotYetSent(ActorTestKit kit) {
    long n = 3L * 1_000_003 * 1_000_033; // 3 is in the first range: the other ranges are not needed
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2)) {
      Recorder sink = new Recorder();
      JobResult r = await(kitchen.start(spec(Dispatch.PULL, true).withSplit(40, 2), new ArraySource(n), sink,
          ProgressListener.NONE));
      assertEquals(List.of("0:" + n + ":false:[]"), sink.lines());
      assertEquals(40, r.splitRanges());
      // Pulling, two workers hold at most two ranges each: the rest are never sent once 3 is found.
      assertTrue(r.rangesSkipped() >= 40 - 2 * JobCoordinator.CREDIT, r.toString());
      long computed = r.workers().stream().mapToLong(JobResult.WorkerStats::batches).sum();
      assertTrue(computed + r.rangesSkipped() <= 40, "no extra replies counted: " + r);
    }
  }

  @Test
  void theForkJoinReferenceSplitsTheSameWay() {
    long[] numbers = hardNumbers();
    Tally.Builder expected = new Tally.Builder();
    expected.add(BatchCompute.batch(Job.CHECK, TrialDivision.INSTANCE, 0, numbers));
    try (ForkJoinPass fj = new ForkJoinPass()) {
      assertEquals(expected.build(), fj.run(spec(Dispatch.PULL, true), NumberSource.of(numbers), () -> false));
    }
  }
}
