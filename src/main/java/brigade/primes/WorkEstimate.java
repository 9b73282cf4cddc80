package brigade.primes;

/**
 * How long a job's numbers take on one thread, worked out from the numbers themselves rather than from a timing:
 * the same input and settings give the same estimate, and so the same {@code auto} batch plan, baseline decision
 * and warm-up, on every run (a 100 ms timing of cold code once swung the batch count of one file 4.5× between
 * identical runs).
 *
 * <p>What each algorithm does to a number follows from the number's prime factors, which {@link FastAlgorithm}
 * finds in microseconds even where trial division would take seconds: trial division tries odd divisors up to the
 * smallest factor (check) or up to the larger of the second-largest factor and the square root of the largest
 * (factor); the {@code fast} algorithm tests table primes up to 10^4 the same way, runs Miller–Rabin on what is
 * left, and pays Pollard's rho about √p steps to split off a factor p. Those counts times a cost per step give
 * nanoseconds. The costs per step were measured on the 2-core reference machine (README, "Measured"); on
 * another machine the estimate is off by a constant factor, which only scales the batch size {@code auto} aims at,
 * never which numbers go together.
 */
public final class WorkEstimate {
  /** One {@code n % d} of trial division, in ns. */
  static final double TRIAL_DIVISION_NANOS = 4.5;
  /** One table prime tested by the {@code fast} algorithm's blocked trial division, in ns. */
  static final double FAST_TRIAL_TEST_NANOS = 1.5;
  /** One Miller–Rabin base over one bit of n (a Montgomery squaring and its bookkeeping), in ns. */
  static final double MILLER_RABIN_BIT_NANOS = 7.5;
  /** Pollard's rho (Brent), per √p to split off a factor p, in ns. */
  static final double RHO_NANOS_PER_ROOT = 19;

  private static final FastAlgorithm FACTORS = FastAlgorithm.INSTANCE;

  private WorkEstimate() {}

  /**
   * The mean estimated cost of one number of {@code sample}.
   *
   * @param algorithm the algorithm the job runs
   * @param job check or factor
   * @param sample numbers taken across the input (each in [0, 2^63-1]); may be empty
   * @return nanoseconds per number on one thread, 0 for an empty sample
   */
  public static double nanosPerNumber(PrimeAlgorithm algorithm, Job job, long[] sample) {
    if (sample.length == 0) return 0;
    long[] factors = new long[PrimeAlgorithm.MAX_FACTORS];
    double total = 0;
    for (long n : sample) total += nanos(algorithm, job, n, factors);
    return total / sample.length;
  }

  /**
   * The estimated cost of one number.
   *
   * @param algorithm the algorithm the job runs
   * @param job check or factor
   * @param n the number, in [0, 2^63-1]
   * @param scratch room for n's factors (length >= {@link PrimeAlgorithm#MAX_FACTORS})
   * @return nanoseconds on one thread, at least the cost of one step
   */
  static double nanos(PrimeAlgorithm algorithm, Job job, long n, long[] scratch) {
    int count = FACTORS.factor(n, scratch);
    int odd = 0;
    while (odd < count && scratch[odd] == 2) odd++; // scratch[odd..count) are n's odd prime factors, ascending
    boolean trial = algorithm instanceof TrialDivision;
    if (odd == count || (job == Job.CHECK && odd > 0)) { // nothing odd to look for, or n even: one step
      return trial ? TRIAL_DIVISION_NANOS : FAST_TRIAL_TEST_NANOS;
    }
    return trial ? trialDivision(job, n, scratch, odd, count) : fast(job, n, scratch, odd, count);
  }

  /** Trial division: odd divisors 3, 5, 7, … up to where the loop stops. */
  private static double trialDivision(Job job, long n, long[] f, int from, int to) {
    long lastDivisor;
    if (job == Job.CHECK) {
      long root = TrialDivision.isqrt(n);
      lastDivisor = Math.min(f[from], root); // stops at the smallest factor, or at √n for a prime
    } else {
      long largest = f[to - 1];
      long secondLargest = to - from >= 2 ? f[to - 2] : 0;
      lastDivisor = Math.max(secondLargest, TrialDivision.isqrt(largest));
    }
    return Math.max(1, lastDivisor / 2) * TRIAL_DIVISION_NANOS;
  }

  /** The fast algorithm: table primes up to 10^4, then Miller–Rabin and rho on what is left. */
  private static double fast(Job job, long n, long[] f, int from, int to) {
    long tableEnd = SmallPrimes.PRIME[FACTORS.trialCount() - 1];
    long rough = 1; // the product of the factors past the table
    int roughFrom = to;
    while (roughFrom > from && f[roughFrom - 1] > tableEnd) rough *= f[--roughFrom];
    if (job == Job.CHECK) {
      // Stops at the smallest factor if the table holds it, else at √n or the table's end.
      long stop = f[from] <= tableEnd ? f[from] : Math.min(tableEnd, TrialDivision.isqrt(n));
      double nanos = primesUpTo(stop) * FAST_TRIAL_TEST_NANOS;
      if (f[from] > tableEnd && n >= FACTORS.trialSquare()) nanos += millerRabin(n, to - from == 1);
      return nanos;
    }
    // As trial division: the loop passes the second-largest factor and stops at the root of the largest.
    long secondLargest = to - from >= 2 ? f[to - 2] : 0;
    long stop = Math.min(tableEnd, Math.max(secondLargest, TrialDivision.isqrt(f[to - 1])));
    double nanos = primesUpTo(stop) * FAST_TRIAL_TEST_NANOS;
    if (rough < FACTORS.trialSquare()) return nanos; // 1, or one prime the table's end proves
    // factorRough: Miller–Rabin on each cofactor met, rho to split each composite one (say, its smallest factor off)
    for (int i = roughFrom; i < to; i++) {
      boolean prime = i == to - 1;
      nanos += millerRabin(rough, prime);
      if (!prime) {
        nanos += Math.sqrt((double) f[i]) * RHO_NANOS_PER_ROOT;
        rough /= f[i];
      }
    }
    return nanos;
  }

  /** Miller–Rabin on m: every base for a prime, usually the first alone for a composite. */
  private static double millerRabin(long m, boolean prime) {
    int bases = !prime ? 1 : m < 4_759_123_141L ? 3 : m < 1_122_004_669_633L ? 4 : m < 3_474_749_660_383L ? 6 : 7;
    return bases * (64 - Long.numberOfLeadingZeros(m)) * MILLER_RABIN_BIT_NANOS;
  }

  /** How many odd table primes are at most x. */
  private static int primesUpTo(long x) {
    int i = java.util.Arrays.binarySearch(SmallPrimes.PRIME, x);
    return Math.max(1, i >= 0 ? i + 1 : -i - 1);
  }
}
