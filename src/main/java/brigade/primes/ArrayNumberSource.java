package brigade.primes;

import java.util.OptionalLong;

/** Numbers already in memory, read a chunk at a time: see {@link NumberSource#of}. */
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
