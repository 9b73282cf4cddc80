package brigade.cli;

import brigade.primes.NumberSource;

/** Reads a whole number source (test helper). */
final class NumberSourcesTestAccess {
  private NumberSourcesTestAccess() {}

  static long[] readAll(NumberSource source) {
    java.util.ArrayList<Long> all = new java.util.ArrayList<>();
    long[] buf = new long[1000];
    try (source) {
      for (int n; (n = source.read(buf)) > 0; ) for (int i = 0; i < n; i++) all.add(buf[i]);
    }
    return all.stream().mapToLong(Long::longValue).toArray();
  }
}
