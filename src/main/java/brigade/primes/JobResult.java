package brigade.primes;

import java.util.List;

/**
 * What a run through the actor pool produced: counts that let the report prove no number was lost or
 * counted twice ({@code numbersIn == numbersAnswered + numbersFailed}, unless interrupted), timings, and
 * each worker's share.
 *
 * @param numbersIn numbers read from the input and dispatched
 * @param numbersAnswered numbers with a result handed to the sink (each exactly once)
 * @param numbersFailed numbers in batches that failed for good
 * @param primes how many answered numbers are prime
 * @param factors total prime factors found, with multiplicity (FACTOR jobs; 0 for CHECK)
 * @param batches batches completed (answered)
 * @param failedBatches batches that failed for good, with their numbers and error
 * @param retries re-sends after a worker failure or a timeout
 * @param wallNanos from the first batch sent to the last reply
 * @param interrupted the run was cancelled (Ctrl-C) before all input was dispatched or answered
 * @param splitNumbers numbers whose trial division was split into divisor ranges across workers
 * @param splitRanges the ranges those numbers were split into
 * @param rangesSkipped ranges never sent, because another range of the same number had found a divisor
 */
public record JobResult(
    long numbersIn,
    long numbersAnswered,
    long numbersFailed,
    long primes,
    long factors,
    long batches,
    List<FailedBatch> failedBatches,
    long retries,
    long wallNanos,
    List<WorkerStats> workers,
    boolean interrupted,
    long splitNumbers,
    long splitRanges,
    long rangesSkipped) {

  /** A run that split no number. */
  public JobResult(long numbersIn, long numbersAnswered, long numbersFailed, long primes, long factors, long batches,
      List<FailedBatch> failedBatches, long retries, long wallNanos, List<WorkerStats> workers, boolean interrupted) {
    this(numbersIn, numbersAnswered, numbersFailed, primes, factors, batches, failedBatches, retries, wallNanos,
        workers, interrupted, 0, 0, 0);
  }

  /**
   * Whether another pass over the same numbers (the sequential baseline, a later timed round) found what this run
   * found: the same primes, and for a factor job the same number of factors.
   */
  public boolean sameCounts(Job job, long otherPrimes, long otherFactors) {
    return primes == otherPrimes && (job == Job.CHECK || factors == otherFactors);
  }

  /** A batch given up on after {@code maxRetries}: its numbers and the last error. */
  public record FailedBatch(long firstIndex, long[] numbers, String error) {}

  /**
   * One worker's share.
   *
   * @param name the worker's actor name (unique within the job)
   * @param node "local", or the cluster node address the worker lives on
   * @param utilisation the share (0 to 1) of the run (first send to last reply) the worker spent computing
   * @param longestIdleNanos its longest stretch of the run with nothing computing (a remote worker's spans placed with
   *     its node's estimated clock offset)
   */
  public record WorkerStats(String name, String node, long batches, long numbers, long busyNanos,
      double utilisation, long longestIdleNanos) {
    /** A worker's share with no busy/idle spans known (utilisation from busy time alone is not computed). */
    public WorkerStats(String name, String node, long batches, long numbers, long busyNanos) {
      this(name, node, batches, numbers, busyNanos, 0, 0);
    }
  }
}
