package brigade.primes;

import java.util.function.BooleanSupplier;

/**
 * The same work as a job, on the calling thread alone: the baseline the pool's speedup is measured against.
 * Results are counted (to check the pool found the same) and otherwise discarded, like the pool's work into
 * {@link ResultSink#NONE}.
 */
public final class SequentialBaseline {
  private SequentialBaseline() {}

  /**
   * What one sequential pass found.
   *
   * @param tally its counts and checksum, to compare with the pool's
   * @param completed false if {@code cancelled} stopped it early
   */
  public record Counts(long numbers, long primes, long factors, long nanos, boolean completed, Tally tally) {}

  /**
   * Runs the job over every number of {@code source} on this thread.
   *
   * @param cancelled polled between numbers: true stops the run (Ctrl-C)
   * @param progress receives the running count of numbers done (may be null)
   */
  public static Counts run(PrimeAlgorithm algorithm, Job job, NumberSource source, BooleanSupplier cancelled,
      java.util.concurrent.atomic.AtomicLong progress) {
    long[] buf = new long[4096];
    long[] factors = new long[PrimeAlgorithm.MAX_FACTORS];
    Tally.Builder tally = new Tally.Builder();
    long numbers = 0;
    long start = System.nanoTime();
    boolean completed = true;
    read:
    for (int n; (n = source.read(buf)) > 0; ) {
      for (int i = 0; i < n; i++) {
        if (cancelled.getAsBoolean()) {
          completed = false;
          break read;
        }
        if (job == Job.CHECK) {
          tally.add(buf[i], algorithm.isPrime(buf[i]), factors, 0);
        } else {
          int k = algorithm.factor(buf[i], factors);
          tally.add(buf[i], k == 1, factors, k);
        }
        numbers++;
      }
      if (progress != null) progress.set(numbers);
    }
    long nanos = System.nanoTime() - start;
    Tally t = tally.build();
    return new Counts(numbers, t.primes(), t.factors(), nanos, completed, t);
  }

  /**
   * Estimates the sequential time per number of an input by timing a sample drawn across it (the fastest of as many
   * passes as fit in the budget), and warms up the JIT on the way. Spends about {@code budgetNanos} (more only if a single number takes longer).
   *
   * @return estimated nanoseconds per number (0 for an empty sample)
   */
  public static double estimateNanosPerNumber(PrimeAlgorithm algorithm, Job job, long[] sample, long budgetNanos) {
    if (sample.length == 0) return 0;
    long[] factors = new long[PrimeAlgorithm.MAX_FACTORS];
    long sink = 0;
    long done = 0;
    long start = System.nanoTime();
    // Passes over the sample until the budget is spent: later passes run JIT-compiled code, and the fastest full
    // pass is the one a preemption or a GC pause did not hit, so the estimate uses it when there is one, else the
    // average so far (a sample of very heavy numbers).
    long fastestPassNanos = -1;
    boolean spent = false;
    while (!spent) {
      long passStart = System.nanoTime();
      int i = 0;
      while (i < sample.length && !spent) {
        sink += job == Job.CHECK ? (algorithm.isPrime(sample[i]) ? 1 : 0) : algorithm.factor(sample[i], factors);
        done++;
        i++;
        spent = System.nanoTime() - start >= budgetNanos;
      }
      if (i == sample.length) {
        long pass = System.nanoTime() - passStart;
        if (fastestPassNanos < 0 || pass < fastestPassNanos) fastestPassNanos = pass;
      }
    }
    long elapsed = System.nanoTime() - start;
    if (sink == Long.MIN_VALUE) System.out.print(""); // keeps the work from being optimised away
    double perNumber = fastestPassNanos >= 0 ? (double) fastestPassNanos / sample.length : (double) elapsed / done;
    return perNumber;
  }
}
