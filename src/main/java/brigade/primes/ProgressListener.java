package brigade.primes;

/**
 * Told how far a job has got, e.g. to drive a progress bar. Called from the coordinator actor each time the
 * in-order prefix of results grows, so it must be cheap and must not block (hand the number to another
 * thread, or just store it in a volatile field).
 */
@FunctionalInterface
public interface ProgressListener {
  /**
   * @param numbersAnswered numbers done so far, in input order: answered, or given up on in a failed batch (so a
   *     progress bar reaches the input size even when some batches fail)
   */
  void answered(long numbersAnswered);

  /**
   * A pulled worker (a cluster node's, or a local PULL pool's) left the worker set or terminated while the job
   * ran; {@code batchesResent} of the batches it held go to the other workers (they count in
   * {@link JobResult#retries()}, but not against a batch's {@code maxRetries}).
   *
   * @param node "local", or host:port of the cluster node it lived on
   */
  default void workerLost(String workerName, String node, int batchesResent) {}

  /**
   * The trace the run's coordinator writes its batches, workers' spans, queues and lifecycle to: a detailed record of
   * the same progress. {@link brigade.trace.Tracer#OFF} (the default) for none.
   */
  default brigade.trace.Tracer tracer() {
    return brigade.trace.Tracer.OFF;
  }

  /** @return {@code listener}, with {@code tracer} as its trace */
  static ProgressListener traced(ProgressListener listener, brigade.trace.Tracer tracer) {
    if (!tracer.on()) return listener;
    return new ProgressListener() {
      @Override
      public void answered(long numbersAnswered) {
        listener.answered(numbersAnswered);
      }

      @Override
      public void workerLost(String workerName, String node, int batchesResent) {
        listener.workerLost(workerName, node, batchesResent);
      }

      @Override
      public brigade.trace.Tracer tracer() {
        return tracer;
      }
    };
  }

  ProgressListener NONE = n -> {};
}
