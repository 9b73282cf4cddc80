package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The work model: counts of what each algorithm does to a number, derived from its factors. */
class WorkEstimateTest {
  private final long[] scratch = new long[PrimeAlgorithm.MAX_FACTORS];
  private static final TrialDivision TRIAL = TrialDivision.INSTANCE;
  private static final FastAlgorithm FAST = FastAlgorithm.INSTANCE;

  private double nanos(PrimeAlgorithm algorithm, Job job, long n) {
    return WorkEstimate.nanos(algorithm, job, n, scratch);
  }

  private static double divisions(long count) {
    return count * WorkEstimate.TRIAL_DIVISION_NANOS;
  }

  @Test
  void trialCheckTriesOddDivisorsUpToTheSmallestFactorOrTheRoot() {
    long p = 1_000_000_007L; // prime: every odd divisor up to its root, 31622
    assertEquals(divisions(31622 / 2), nanos(TRIAL, Job.CHECK, p));
    assertEquals(divisions(1), nanos(TRIAL, Job.CHECK, 3 * p), "3 divides it at once");
    assertEquals(divisions(1), nanos(TRIAL, Job.CHECK, 2 * p), "even: no division at all, one step");
    assertEquals(divisions(1_009 / 2), nanos(TRIAL, Job.CHECK, 1_009L * 1_000_003L), "stops at 1009");
  }

  @Test
  void trialFactorGoesOnToTheSecondLargestFactorOrTheRootOfTheLargest() {
    // 3 * 5 * 1000000007: the last factor is left when the divisor passes its root.
    assertEquals(divisions(31622 / 2), nanos(TRIAL, Job.FACTOR, 15 * 1_000_000_007L));
    // 1000003 * 1000033: the smaller factor is found at 1000003, which is past the larger one's root.
    assertEquals(divisions(1_000_003 / 2), nanos(TRIAL, Job.FACTOR, 1_000_003L * 1_000_033L));
    assertEquals(divisions(1), nanos(TRIAL, Job.FACTOR, 1L << 40), "a power of two: no odd divisor to try");
  }

  @Test
  void fastPaysMillerRabinPastTheTableAndRhoPerSplit() {
    double smallPrime = nanos(FAST, Job.CHECK, 99_999_989L); // below the table's square: the table decides
    double bigPrime = nanos(FAST, Job.CHECK, 1_000_000_007L); // past it: Miller-Rabin too
    assertTrue(bigPrime > smallPrime + 3 * 30 * WorkEstimate.MILLER_RABIN_BIT_NANOS - 1, smallPrime + " " + bigPrime);
    long p = 1_073_741_827L; // two 31-bit primes: rho finds one in about sqrt(p) steps
    long q = 1_073_741_831L;
    double semiprime = nanos(FAST, Job.FACTOR, p * q);
    assertTrue(semiprime > Math.sqrt(p) * WorkEstimate.RHO_NANOS_PER_ROOT, "rho: " + semiprime);
    assertTrue(nanos(FAST, Job.CHECK, p * q) < semiprime / 10, "check stops at Miller-Rabin's first base");
  }

  @Test
  void theMeanOverASampleIsTheSameEveryTime() {
    long[] sample = NumberSources.random(64, 20_000, 100_000_000, 1).sample(64);
    double once = WorkEstimate.nanosPerNumber(TRIAL, Job.FACTOR, sample);
    assertEquals(once, WorkEstimate.nanosPerNumber(TRIAL, Job.FACTOR, sample));
    double sum = 0;
    for (long n : sample) sum += nanos(TRIAL, Job.FACTOR, n);
    assertEquals(sum / 64, once, 1e-9);
    assertEquals(0.0, WorkEstimate.nanosPerNumber(FAST, Job.CHECK, new long[0]));
  }
}
