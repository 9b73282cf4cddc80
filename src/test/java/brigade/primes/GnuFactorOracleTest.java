package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** GNU coreutils {@code factor} as the oracle, on a few thousand numbers spread over all of [0, 2^63 - 1]. */
class GnuFactorOracleTest {
  /** Trial division is checked too below this (its worst case, a prime, costs sqrt(n)/2 divisions). */
  private static final long TRIAL_BELOW = 1L << 36;

  @Test
  void bothAlgorithmsAgreeWithGnuFactor() throws Exception {
    Path factor = gnuFactor();
    assumeTrue(factor != null, "GNU factor is not installed (.ci/run installs coreutils)");

    List<Long> numbers = numbers();
    List<String> expected = runFactor(factor, numbers);
    assertEquals(numbers.size(), expected.size(), "one output line per number");
    int checkedWithTrial = 0;
    for (int i = 0; i < numbers.size(); i++) {
      long n = numbers.get(i);
      assertEquals(expected.get(i), line(n, FastAlgorithm.INSTANCE.factors(n)), "fast");
      assertEquals(expected.get(i).indexOf(' ') == expected.get(i).lastIndexOf(' ') && n > 1,
          FastAlgorithm.INSTANCE.isPrime(n), () -> "fast isPrime(" + n + ")");
      if (n < TRIAL_BELOW) {
        assertEquals(expected.get(i), line(n, TrialDivision.INSTANCE.factors(n)), "trial");
        checkedWithTrial++;
      }
    }
    assertEquals(true, checkedWithTrial > 500, "trial checked on " + checkedWithTrial + " numbers");
  }

  /** GNU factor's output format: "n: f1 f2 ..." ("0:" and "1:" alone). */
  private static String line(long n, long[] factors) {
    StringBuilder s = new StringBuilder().append(n).append(':');
    for (long f : factors) s.append(' ').append(f);
    return s.toString();
  }

  /** Every bit length equally (so small numbers are not drowned out), plus the boundaries that matter. */
  private static List<Long> numbers() {
    List<Long> numbers = new ArrayList<>();
    for (long n = 0; n <= 300; n++) numbers.add(n);
    SplittableRandom random = new SplittableRandom(2026);
    for (int i = 0; i < 3000; i++) {
      int bits = 2 + random.nextInt(62); // 2..63
      long lo = 1L << (bits - 1);
      long hi = bits == 63 ? Long.MAX_VALUE : (1L << bits) - 1;
      numbers.add(random.nextLong(lo, hi) | (random.nextInt(4) == 0 ? 0 : 1)); // mostly odd: harder
    }
    // Around the Miller–Rabin tier bounds, the trial table's end squared, 2^32, 2^62 and the top of the range.
    long[] edges = {10_007L * 10_007L, 1L << 32, 4_759_123_141L, 1_122_004_669_633L, 3_474_749_660_383L,
        341_550_071_728_321L, 1L << 62, Long.MAX_VALUE - 100};
    for (long edge : edges) {
      for (long n = edge - 100; n <= edge + 100 && n > 0; n++) numbers.add(n);
    }
    return numbers;
  }

  private static List<String> runFactor(Path factor, List<Long> numbers) throws Exception {
    Process process = new ProcessBuilder(factor.toString()).redirectErrorStream(true).start();
    Thread writer = new Thread(() -> {
      try (PrintWriter w = new PrintWriter(process.getOutputStream(), false, StandardCharsets.US_ASCII)) {
        for (long n : numbers) w.println(n);
      }
    }, "factor-stdin");
    writer.start(); // a separate writer: factor fills its stdout pipe while we would still be writing
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) lines.add(l);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writer.join();
    assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), "factor finished");
    assertEquals(0, process.exitValue(), "factor's exit code");
    return lines;
  }

  private static Path gnuFactor() {
    for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/bin").split(":")) {
      if (dir.isEmpty()) continue;
      Path p = Path.of(dir, "factor");
      if (Files.isExecutable(p)) return p;
    }
    return null;
  }
}
