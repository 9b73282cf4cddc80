package brigade.primes;

/**
 * Receives every answered number exactly once, in input order, a batch at a time as the job progresses (e.g.
 * the CSV writer). Called from the coordinator only, one call at a time.
 */
public interface ResultSink extends AutoCloseable {
  /** The next batch's answers (its first index follows on from the previous batch's or failure's last). */
  void accept(ResultBatch results);

  /** Numbers of a batch that failed for good: reported, not answered. */
  default void failed(long firstIndex, long[] numbers, String error) {}

  /** Pushes what was accepted so far to its destination (a file): called once a run's results are complete. */
  default void flush() {}

  @Override
  default void close() {}

  ResultSink NONE = results -> {};
}
