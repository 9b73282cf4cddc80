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
 */
public record JobSpec(
    Job job,
    PrimeAlgorithm algorithm,
    Dispatch dispatch,
    int poolSize,
    int batchSize,
    int window,
    int maxRetries,
    Duration batchTimeout) {

  /** This spec with another dispatch mode (a cluster job's remote workers always pull). */
  public JobSpec withDispatch(Dispatch newDispatch) {
    return new JobSpec(job, algorithm, newDispatch, poolSize, batchSize, window, maxRetries, batchTimeout);
  }

  /** This spec with another pool size. */
  public JobSpec withPoolSize(int newPoolSize) {
    return new JobSpec(job, algorithm, dispatch, newPoolSize, batchSize, window, maxRetries, batchTimeout);
  }

  /** This spec with another batch size and window. */
  public JobSpec withBatches(int newBatchSize, int newWindow) {
    return new JobSpec(job, algorithm, dispatch, poolSize, newBatchSize, newWindow, maxRetries, batchTimeout);
  }
}
