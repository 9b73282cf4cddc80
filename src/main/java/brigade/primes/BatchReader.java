package brigade.primes;

import java.util.Arrays;

/**
 * Cuts a job's input into batches, the one rule for the actor pool's coordinator and the ForkJoinPool reference:
 * up to {@code batchSize} numbers, except that a number the spec splits into divisor ranges ({@link
 * JobSpec#splits}) is a batch of its own, so that numbers before and after it stay in batches of their own.
 */
final class BatchReader {
  private final NumberSource source;
  private final JobSpec spec;
  /** Numbers read but not yet handed out: what followed a number that is a batch of its own. */
  private long[] pending;
  private int pendingAt;

  BatchReader(NumberSource source, JobSpec spec) {
    this.source = source;
    this.spec = spec;
  }

  /** The next batch's numbers, or null at the end of the input. */
  long[] next() {
    long[] numbers;
    if (pending != null) {
      numbers = Arrays.copyOfRange(pending, pendingAt, Math.min(pending.length, pendingAt + spec.batchSize()));
      pendingAt += numbers.length;
      if (pendingAt == pending.length) pending = null;
    } else {
      numbers = BatchPlan.nextBatch(source, spec.batchSize());
      if (numbers == null) return null;
    }
    if (spec.splitRanges() == 0) return numbers;
    for (int i = 0; i < numbers.length; i++) {
      if (!spec.splits(numbers[i])) continue;
      int cut = i == 0 ? 1 : i; // the split number alone, or what comes before it
      if (cut == numbers.length) return numbers;
      pushBack(numbers, cut);
      return Arrays.copyOf(numbers, cut);
    }
    return numbers;
  }

  private void pushBack(long[] numbers, int from) {
    long[] rest = Arrays.copyOfRange(numbers, from, numbers.length);
    if (pending != null) { // ahead of what was already pending
      long[] merged = new long[rest.length + pending.length - pendingAt];
      System.arraycopy(rest, 0, merged, 0, rest.length);
      System.arraycopy(pending, pendingAt, merged, rest.length, pending.length - pendingAt);
      rest = merged;
    }
    pending = rest;
    pendingAt = 0;
  }
}
