package brigade.primes;

import java.util.concurrent.CompletionStage;

/** A job started with {@link PrimeKitchen#start}: its eventual result, and a way to stop it early. */
public interface JobRun {
  /**
   * Completes once every number read has been answered or given up on, or after {@link #cancel()} once the
   * in-flight batches are back. Completes exceptionally if the input or the sink throws, or if the actor
   * system stops under the job.
   */
  CompletionStage<JobResult> result();

  /**
   * Stops dispatching (no more input is read, failed or late batches are not re-sent), waits for the batches
   * the workers already hold, writes the in-order prefix of results that is complete, and completes
   * {@link #result()} with {@code interrupted = true}. No number is written twice. Safe to call from any
   * thread, more than once, and after the job has finished (then it does nothing).
   */
  void cancel();
}
