package brigade.primes;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Batch sizing and splitting, pure: how many numbers per message and how many batches in flight.
 *
 * <p>Small batches balance the load (a pool finishes when its slowest worker does, so every worker should get
 * several batches: six heavy numbers on two workers make six batches of one, not one batch of six), large
 * batches make the per-message cost invisible. {@code auto} is the smallest of: what gives each worker about
 * {@value #BATCHES_PER_WORKER} batches, what makes a batch about {@link #TARGET_BATCH_NANOS} of work (when the
 * cost per number is known), and {@value #MAX_AUTO_BATCH} numbers: at that size a message's cost (microseconds)
 * is noise next to the batch's work, and a window of batches stays small in memory. This is the one rule: the
 * {@code primes} command and the bench both resolve {@code auto} here.
 */
public final class BatchPlan {
  /** Batches {@code auto} aims to give each worker. */
  public static final int BATCHES_PER_WORKER = 8;
  /** Largest batch {@code auto} picks. */
  public static final int MAX_AUTO_BATCH = 4096;
  /** {@code auto} batch size when the input size is unknown (a stream). */
  public static final int UNKNOWN_SIZE_BATCH = 1024;
  /**
   * Work per batch {@code auto} aims at, when the cost of a number is known: large enough that a message per
   * batch is noise, small enough that heavy numbers still spread over the workers, a retry redoes little, a
   * progress bar moves, and Ctrl-C waits only for short in-flight batches.
   */
  public static final long TARGET_BATCH_NANOS = 50_000_000L;
  /** {@code auto} window: batches in flight per worker (two being computed, two more ahead of the reorder). */
  public static final int WINDOW_PER_WORKER = 4;

  private BatchPlan() {}

  /** The {@code auto} batch size for {@code inputSize} numbers (when known) on {@code workers} workers. */
  public static int autoBatchSize(OptionalLong inputSize, int workers) {
    return autoBatchSize(inputSize, workers, 0);
  }

  /**
   * The {@code auto} batch size for {@code inputSize} numbers (when known) on {@code workers} workers, each number
   * estimated to cost {@code nanosPerNumber} on one thread (0 when unknown).
   */
  public static int autoBatchSize(OptionalLong inputSize, int workers, double nanosPerNumber) {
    requirePositive(workers, "workers");
    long perBatch = UNKNOWN_SIZE_BATCH;
    if (inputSize.isPresent()) {
      long size = inputSize.getAsLong();
      if (size < 0) throw new IllegalArgumentException("input size must be >= 0, was " + size);
      long batches = (long) workers * BATCHES_PER_WORKER;
      perBatch = Math.min(MAX_AUTO_BATCH, (size + batches - 1) / batches); // ceil: at most `batches` batches
    }
    if (nanosPerNumber > 0) perBatch = Math.min(perBatch, (long) (TARGET_BATCH_NANOS / nanosPerNumber));
    return (int) Math.max(1, perBatch);
  }

  /** The {@code auto} window for {@code workers} workers. */
  public static int autoWindow(int workers) {
    requirePositive(workers, "workers");
    return (int) Math.min(Integer.MAX_VALUE, (long) WINDOW_PER_WORKER * workers);
  }

  /** How many batches {@code numbers} numbers make at {@code batchSize} each. */
  public static long batchCount(long numbers, int batchSize) {
    requirePositive(batchSize, "batchSize");
    return (numbers + batchSize - 1) / batchSize;
  }

  /**
   * Reads the next batch of up to {@code batchSize} numbers from {@code source} (reading on while it returns
   * short chunks); {@code null} at the end of the input.
   */
  public static long[] nextBatch(NumberSource source, int batchSize) {
    requirePositive(batchSize, "batchSize");
    long[] buf = new long[batchSize];
    int filled = 0;
    long[] chunk = buf;
    while (filled < batchSize) {
      int n = source.read(chunk);
      if (n <= 0) break;
      if (chunk != buf) System.arraycopy(chunk, 0, buf, filled, n);
      filled += n;
      if (filled < batchSize) chunk = new long[batchSize - filled];
    }
    if (filled == 0) return null;
    return filled == batchSize ? buf : Arrays.copyOf(buf, filled);
  }

  /** Splits {@code numbers} into consecutive batches of {@code batchSize} (the last may be shorter). */
  public static long[][] split(long[] numbers, int batchSize) {
    int count = (int) batchCount(numbers.length, batchSize);
    long[][] batches = new long[count][];
    for (int i = 0; i < count; i++) {
      int from = i * batchSize;
      batches[i] = Arrays.copyOfRange(numbers, from, Math.min(numbers.length, from + batchSize));
    }
    return batches;
  }

  private static void requirePositive(long value, String what) {
    if (value < 1) throw new IllegalArgumentException(what + " must be >= 1, was " + value);
  }
}
