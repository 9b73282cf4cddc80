package brigade.report;

import java.util.Arrays;

/**
 * Median, min and max of repeated timings (a bench point's repeats, a `primes` run's timed rounds). The median is
 * what Brigade quotes: a noisy machine shows up as a wide min–max band around it, not as a shifted answer.
 */
public record Stats(double median, double min, double max, int n) {

  /** Stats of the values; at least one value is required. NaN values (a run with no reference) are skipped. */
  public static Stats of(double... values) {
    double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (v.length == 0) return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
    int m = v.length / 2;
    double median = v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    return new Stats(median, v[0], v[v.length - 1], v.length);
  }

  /** "12.3 (11.9–13.0)": median with min–max, {@code decimals} digits after the point. */
  public String format(int decimals) {
    if (n == 0) return "-";
    String f = "%." + decimals + "f";
    String med = String.format(java.util.Locale.ROOT, f, median);
    if (n == 1) return med;
    return med + " (" + String.format(java.util.Locale.ROOT, f, min) + "–" + String.format(java.util.Locale.ROOT, f, max) + ")";
  }
}
