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
   * Runs the algorithm's kernel over {@code sample}, round and round, for about {@code budgetNanos}, so that the JIT
   * compiles it before anything is timed (nothing is timed here: sizing comes from {@link WorkEstimate}). The budget
   * is checked before each number, so one very heavy number may overrun it.
   *
   * @param algorithm the algorithm whose kernel to compile
   * @param job check or factor: which of the algorithm's entry points
   * @param sample numbers from the input
   * @param budgetNanos how long to keep going, in ns (0 or less: nothing runs)
   * @return how many numbers were run
   */
  public static long warmUp(PrimeAlgorithm algorithm, Job job, long[] sample, long budgetNanos) {
    long[] factors = new long[PrimeAlgorithm.MAX_FACTORS];
    long sink = 0;
    long done = 0;
    long start = System.nanoTime();
    while (sample.length > 0 && System.nanoTime() - start < budgetNanos) {
      long n = sample[(int) (done % sample.length)];
      sink += job == Job.CHECK ? (algorithm.isPrime(n) ? 1 : 0) : algorithm.factor(n, factors);
      done++;
    }
    if (sink == Long.MIN_VALUE) System.out.print(""); // keeps the work from being optimised away
    return done;
  }
}
