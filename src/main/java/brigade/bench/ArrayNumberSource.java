package brigade.bench;

import brigade.primes.NumberSource;
import java.util.OptionalLong;

/** The bench's numbers handed to the prime kitchen: an in-memory array, read a chunk at a time. */
final class ArrayNumberSource implements NumberSource {
  private final long[] numbers;
  private int next;

  ArrayNumberSource(long[] numbers) {
    this.numbers = numbers;
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.of(numbers.length);
  }

  @Override
  public int read(long[] buf) {
    int n = Math.min(buf.length, numbers.length - next);
    System.arraycopy(numbers, next, buf, 0, n);
    next += n;
    return n;
  }
}
