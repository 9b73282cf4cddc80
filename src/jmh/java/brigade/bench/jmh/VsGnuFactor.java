package brigade.bench.jmh;

import brigade.primes.PrimeAlgorithm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Single-core throughput of an algorithm's factorisation against GNU coreutils {@code factor} on the same
 * numbers, measured side by side in one run so that a loaded machine shifts both alike.
 *
 * <pre>java -cp target/benchmarks.jar brigade.bench.jmh.VsGnuFactor [range] [count] [rounds] [algorithm]</pre>
 * e.g. {@code 2e4-1e8 1000000 7 fast} and {@code 2^62-2^63 100000 7 fast}. The numbers (fixed seed) are written
 * to a temporary file, one per line. Each round times, in rotating order: {@code factor < file > /dev/null}
 * (wall clock of the process: start-up, parsing and printing included, as a user would run it), the algorithm
 * on the in-memory array ("compute"), and the algorithm plus the same text work GNU does ("with I/O": read the
 * file's lines, parse, format "n: f1 f2 ..." into a discarded buffer). About 5 s of warm-up runs first.
 * Prints medians with min–max and the ratios (above 1 means Java is faster).
 */
public final class VsGnuFactor {
  private VsGnuFactor() {}

  public static void main(String[] args) throws Exception {
    String range = args.length > 0 ? args[0] : "2e4-1e8";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    PrimeAlgorithm algorithm = PrimeAlgorithm.named(args.length > 3 ? args[3] : "fast");
    String factor = System.getProperty("factor", "/usr/bin/factor");

    long[] numbers = Workloads.numbers(range, count);
    Path file = Files.createTempFile("brigade-numbers", ".txt");
    file.toFile().deleteOnExit();
    StringBuilder text = new StringBuilder(count * 20);
    for (long n : numbers) text.append(n).append('\n');
    Files.writeString(file, text, StandardCharsets.US_ASCII);

    System.out.printf(Locale.ROOT, "%d numbers in [%s], algorithm %s, vs %s%n", count, range, algorithm.name(), factor);
    long warmUpEnd = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < warmUpEnd) {
      compute(algorithm, numbers);
      withIo(algorithm, file);
    }
    runGnu(factor, file);

    double[] gnu = new double[rounds];
    double[] compute = new double[rounds];
    double[] io = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      for (int j = 0; j < 3; j++) {
        switch ((r + j) % 3) {
          case 0 -> gnu[r] = runGnu(factor, file);
          case 1 -> {
            long t0 = System.nanoTime();
            compute(algorithm, numbers);
            compute[r] = (System.nanoTime() - t0) / 1e6;
          }
          default -> {
            long t0 = System.nanoTime();
            withIo(algorithm, file);
            io[r] = (System.nanoTime() - t0) / 1e6;
          }
        }
      }
      System.out.printf(Locale.ROOT, "round %d: gnu %.1f ms, %s compute %.1f ms, with I/O %.1f ms%n",
          r + 1, gnu[r], algorithm.name(), compute[r], io[r]);
    }
    double[] ratioCompute = new double[rounds];
    double[] ratioIo = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratioCompute[r] = gnu[r] / compute[r];
      ratioIo[r] = gnu[r] / io[r];
    }
    System.out.println(summary("gnu factor ms", gnu));
    System.out.println(summary(algorithm.name() + " compute ms", compute));
    System.out.println(summary(algorithm.name() + " with I/O ms", io));
    System.out.println(summary("ratio gnu/compute", ratioCompute));
    System.out.println(summary("ratio gnu/with-I/O", ratioIo));
  }

  private static String summary(String label, double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    return String.format(Locale.ROOT, "%-22s median %9.2f  (min %.2f, max %.2f)", label, median, v[0], v[v.length - 1]);
  }

  private static double runGnu(String factor, Path file) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(factor)
        .redirectInput(file.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    if (p.waitFor() != 0) throw new IllegalStateException(factor + " failed");
    return (System.nanoTime() - t0) / 1e6;
  }

  static long sink;

  private static void compute(PrimeAlgorithm algorithm, long[] numbers) {
    long[] out = new long[PrimeAlgorithm.MAX_FACTORS];
    long acc = 0;
    for (long n : numbers) {
      int k = algorithm.factor(n, out);
      acc += k + out[k - 1];
    }
    sink += acc;
  }

  private static void withIo(PrimeAlgorithm algorithm, Path file) throws IOException {
    long[] out = new long[PrimeAlgorithm.MAX_FACTORS];
    StringBuilder line = new StringBuilder(512);
    byte[] bytes = Files.readAllBytes(file);
    OutputStream discard = OutputStream.nullOutputStream();
    long value = 0;
    for (byte b : bytes) {
      if (b != '\n') {
        value = value * 10 + (b - '0');
        continue;
      }
      int k = algorithm.factor(value, out);
      line.append(value).append(':');
      for (int i = 0; i < k; i++) line.append(' ').append(out[i]);
      line.append('\n');
      if (line.length() > 256) {
        discard.write(line.toString().getBytes(StandardCharsets.US_ASCII));
        line.setLength(0);
      }
      value = 0;
    }
    sink += line.length();
  }
}
