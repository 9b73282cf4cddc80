package brigade.primes;

/**
 * Receives every answered number exactly once, in input order, as the job progresses (e.g. the CSV writer).
 * Called from the coordinator only, one call at a time.
 */
public interface ResultSink extends AutoCloseable {
  /**
   * @param index position of the number in the input, from 0
   * @param factors for FACTOR jobs the prime factors ascending with multiplicity ({@code factorCount} of them,
   *     the array may be longer and must not be kept); for CHECK jobs unused (count 0)
   */
  void accept(long index, long number, boolean prime, long[] factors, int factorCount);

  /** Numbers of a batch that failed for good: reported, not answered. */
  default void failed(long firstIndex, long[] numbers, String error) {}

  @Override
  default void close() {}

  ResultSink NONE = (index, number, prime, factors, count) -> {};
}
