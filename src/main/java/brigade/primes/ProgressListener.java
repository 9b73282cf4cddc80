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

  ProgressListener NONE = n -> {};
}
