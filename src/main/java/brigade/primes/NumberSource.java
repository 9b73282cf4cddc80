package brigade.primes;

import java.util.OptionalLong;

/**
 * The job's input, read lazily a chunk at a time so that any input size streams through bounded memory.
 * Not thread-safe: only the coordinator reads it. Invalid input is rejected by the source before the job
 * starts (a file is validated in a first pass), so {@link #read} only fails on I/O errors.
 */
public interface NumberSource extends AutoCloseable {
  /** How many numbers there are, when known up front (random, range, validated file). */
  OptionalLong size();

  /** Fills {@code buf} from the start with up to {@code buf.length} next numbers; returns how many, 0 at the end. */
  int read(long[] buf);

  @Override
  default void close() {}

  /** The numbers of {@code numbers}, in order. The array is not copied: leave it alone while a job reads it. */
  static NumberSource of(long... numbers) {
    return new ArrayNumberSource(numbers);
  }
}
