package brigade.bench.jmh;

import java.util.SplittableRandom;

/** The fixed-seed inputs the algorithm benchmarks share, by name: {@code "lo-hi"} in decimal, 1eN or 2^N. */
final class Workloads {
  private Workloads() {}

  static final long SEED = 7;

  /** count numbers drawn uniformly from [lo, hi] (hi inclusive, capped at 2^63 - 1), from a fixed seed. */
  static long[] numbers(String range, int count) {
    String[] bounds = range.split("-", 2);
    long lo = parse(bounds[0]);
    long hi = parse(bounds[1]);
    SplittableRandom random = new SplittableRandom(SEED);
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      out[i] = hi == Long.MAX_VALUE ? random.nextLong(lo, hi) : random.nextLong(lo, hi + 1);
    }
    return out;
  }

  /** "20000", "1e8", "2^62"; 2^63 stands for 2^63 - 1, the largest input. */
  static long parse(String s) {
    s = s.trim();
    if (s.startsWith("2^")) {
      int e = Integer.parseInt(s.substring(2));
      return e >= 63 ? Long.MAX_VALUE : 1L << e;
    }
    int e = s.indexOf('e');
    if (e > 0) {
      long v = Long.parseLong(s.substring(0, e));
      for (int i = Integer.parseInt(s.substring(e + 1)); i > 0; i--) v = Math.multiplyExact(v, 10);
      return v;
    }
    return Long.parseLong(s);
  }
}
