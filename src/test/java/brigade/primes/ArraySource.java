package brigade.primes;

import java.util.OptionalLong;

/** A NumberSource over an array that counts how far it has been read (to check the coordinator reads lazily). */
final class ArraySource implements NumberSource {
  private final long[] numbers;
  private final boolean sizeKnown;
  volatile int position;

  ArraySource(long... numbers) {
    this(true, numbers);
  }

  ArraySource(boolean sizeKnown, long... numbers) {
    this.numbers = numbers;
    this.sizeKnown = sizeKnown;
  }

  /** from, from + 1, ... without end: only a cancel can stop a job on it. */
  static NumberSource endless(long from) {
    return new NumberSource() {
      long next = from;

      @Override
      public java.util.OptionalLong size() {
        return java.util.OptionalLong.empty();
      }

      @Override
      public int read(long[] buf) {
        for (int i = 0; i < buf.length; i++) buf[i] = next++;
        return buf.length;
      }
    };
  }

  static ArraySource range(long from, int count) {
    long[] a = new long[count];
    for (int i = 0; i < count; i++) a[i] = from + i;
    return new ArraySource(a);
  }

  long[] numbers() {
    return numbers;
  }

  @Override
  public OptionalLong size() {
    return sizeKnown ? OptionalLong.of(numbers.length) : OptionalLong.empty();
  }

  @Override
  public int read(long[] buf) {
    int n = Math.min(buf.length, numbers.length - position);
    System.arraycopy(numbers, position, buf, 0, n);
    position += n;
    return n;
  }
}
