package brigade.primes;

import java.time.Duration;

/**
 * Everything the coordinator needs to run one job, already validated and resolved (no "auto" left).
 *
 * @param poolSize router size: how many prime workers
 * @param batchSize numbers per batch
 * @param window batches in flight at once (bounds memory for any input size)
 * @param maxRetries re-sends of a failed batch before it is reported as failed
 * @param batchTimeout a batch with no reply within this is re-sent
 * @param splitRanges ranges a heavy number's trial division is split into, across workers ({@link DivisorRanges});
 *     0: no number is split (always 0 but for check jobs with trial division)
 * @param splitMinCandidates only odd numbers with at least this many odd candidate divisors are split
 * @param order whether results reach the sink in input order or as batches complete
 */
public record JobSpec(
    Job job,
    PrimeAlgorithm algorithm,
    Dispatch dispatch,
    int poolSize,
    int batchSize,
    int window,
    int maxRetries,
    Duration batchTimeout,
    int splitRanges,
    long splitMinCandidates,
    ResultOrder order) {

  public JobSpec {
    java.util.Objects.requireNonNull(order, "order");
  }

  /** A job whose results reach the sink in input order. */
  public JobSpec(Job job, PrimeAlgorithm algorithm, Dispatch dispatch, int poolSize, int batchSize, int window,
      int maxRetries, Duration batchTimeout, int splitRanges, long splitMinCandidates) {
    this(job, algorithm, dispatch, poolSize, batchSize, window, maxRetries, batchTimeout, splitRanges,
        splitMinCandidates, ResultOrder.INPUT);
  }

  /** A job whose numbers are never split. */
  public JobSpec(Job job, PrimeAlgorithm algorithm, Dispatch dispatch, int poolSize, int batchSize, int window,
      int maxRetries, Duration batchTimeout) {
    this(job, algorithm, dispatch, poolSize, batchSize, window, maxRetries, batchTimeout, 0, 0);
  }

  /** Whether {@code n} is split into divisor ranges across workers. */
  public boolean splits(long n) {
    return splitRanges > 1 && (n & 1) == 1 && DivisorRanges.candidates(n) >= Math.max(2, splitMinCandidates);
  }

  /**
   * The divisor ranges {@code n} is cut into when it {@link #splits}: {@link #splitRanges} of nearly equal size, but
   * none smaller than a quarter of {@link #splitMinCandidates} odd candidates, so a number just heavy enough to split
   * is cut into a few ranges, not into many that would cost more in messages than in divisions. With {@code split =
   * auto} (a minimum of 2^19) that is ranges of at least 2^17 candidates, whatever {@code split-ranges} asks; with
   * {@code split = on} (a minimum of 2) ranges of one candidate are allowed: a number gets its {@code splitRanges},
   * or one range per candidate when it has fewer. The coordinator and the ForkJoinPool reference both cut here.
   *
   * @return pairs {@code {from, to}} of odd candidates, as {@link DivisorRanges#ranges}
   */
  public long[][] rangesFor(long n) {
    long smallest = Math.max(1, splitMinCandidates / 4);
    long parts = Math.max(2, DivisorRanges.candidates(n) / smallest);
    return DivisorRanges.ranges(n, (int) Math.min(splitRanges, parts));
  }

  /**
   * This spec splitting numbers with at least {@code minCandidates} odd candidates into {@code ranges} ranges, none
   * smaller than {@code minCandidates / 4} candidates ({@link #rangesFor}).
   */
  public JobSpec withSplit(int ranges, long minCandidates) {
    return new JobSpec(job, algorithm, dispatch, poolSize, batchSize, window, maxRetries, batchTimeout, ranges,
        minCandidates, order);
  }

  /** This spec with another dispatch mode (a cluster job's remote workers always pull). */
  public JobSpec withDispatch(Dispatch newDispatch) {
    return new JobSpec(job, algorithm, newDispatch, poolSize, batchSize, window, maxRetries, batchTimeout, splitRanges,
        splitMinCandidates, order);
  }

  /** This spec with another pool size. */
  public JobSpec withPoolSize(int newPoolSize) {
    return new JobSpec(job, algorithm, dispatch, newPoolSize, batchSize, window, maxRetries, batchTimeout, splitRanges,
        splitMinCandidates, order);
  }

  /** This spec with another batch size and window. */
  public JobSpec withBatches(int newBatchSize, int newWindow) {
    return new JobSpec(job, algorithm, dispatch, poolSize, newBatchSize, newWindow, maxRetries, batchTimeout,
        splitRanges, splitMinCandidates, order);
  }

  /** This spec handing results to the sink in {@code newOrder}. */
  public JobSpec withOrder(ResultOrder newOrder) {
    return new JobSpec(job, algorithm, dispatch, poolSize, batchSize, window, maxRetries, batchTimeout, splitRanges,
        splitMinCandidates, newOrder);
  }
}
