package brigade.bench;

import java.util.Optional;

/**
 * Amdahl's law fitted to measured speedups: {@code speedup(p) = 1 / (s + (1 - s) / p)}, where {@code s} is the
 * serial fraction of the work (what no number of workers makes faster). {@code s} is chosen to minimise the
 * squared error between measured and predicted speedups (least squares in speedup space, not in the
 * linearised 1/speedup space, so large p do not dominate), by a coarse scan of [0, 1] refined with a
 * golden-section search.
 *
 * <p>{@code p} is the parallelism actually available to a run: min(pool size, cores). A pool of 4 workers on 2
 * cores runs 2 at a time, so it is a second measurement at p = 2, not one at p = 4.
 *
 * @param serialFraction the fitted s, in [0, 1]
 * @param rmse root-mean-square difference between measured and fitted speedups
 * @param points how many (p, speedup) points went in
 */
public record AmdahlFit(double serialFraction, double rmse, int points) {

  /** The speedup the fit predicts for parallelism p. */
  public double predict(double p) {
    return predict(serialFraction, p);
  }

  /** The ceiling on speedup with unlimited workers: 1 / s (infinite when s = 0). */
  public double maxSpeedup() {
    return serialFraction == 0 ? Double.POSITIVE_INFINITY : 1 / serialFraction;
  }

  static double predict(double s, double p) {
    return 1 / (s + (1 - s) / p);
  }

  /**
   * Fits s to points {@code (parallelism[i], speedup[i])}. Empty when no point has parallelism > 1: at p = 1
   * every s predicts speedup 1, so such points say nothing about s.
   */
  public static Optional<AmdahlFit> fit(double[] parallelism, double[] speedup) {
    if (parallelism.length != speedup.length) throw new IllegalArgumentException("unequal lengths");
    boolean informative = false;
    for (int i = 0; i < parallelism.length; i++) {
      if (!(parallelism[i] >= 1) || !(speedup[i] > 0) || Double.isInfinite(speedup[i])) {
        throw new IllegalArgumentException("bad point p=" + parallelism[i] + " speedup=" + speedup[i]);
      }
      if (parallelism[i] > 1) informative = true;
    }
    if (!informative) return Optional.empty();

    // Coarse scan: the error need not be convex in s, so find the best cell before refining.
    int cells = 1000;
    int best = 0;
    double bestErr = Double.POSITIVE_INFINITY;
    for (int k = 0; k <= cells; k++) {
      double e = squaredError((double) k / cells, parallelism, speedup);
      if (e < bestErr) {
        bestErr = e;
        best = k;
      }
    }
    double lo = Math.max(0, (best - 1) / (double) cells);
    double hi = Math.min(1, (best + 1) / (double) cells);
    double g = (Math.sqrt(5) - 1) / 2;
    double a = hi - g * (hi - lo);
    double b = lo + g * (hi - lo);
    double ea = squaredError(a, parallelism, speedup);
    double eb = squaredError(b, parallelism, speedup);
    for (int it = 0; it < 80 && hi - lo > 1e-12; it++) {
      if (ea <= eb) {
        hi = b;
        b = a;
        eb = ea;
        a = hi - g * (hi - lo);
        ea = squaredError(a, parallelism, speedup);
      } else {
        lo = a;
        a = b;
        ea = eb;
        b = lo + g * (hi - lo);
        eb = squaredError(b, parallelism, speedup);
      }
    }
    double s = (lo + hi) / 2;
    // The scan's grid point may still beat the refined one at a boundary (s = 0 or 1).
    if (squaredError(best / (double) cells, parallelism, speedup) < squaredError(s, parallelism, speedup)) {
      s = best / (double) cells;
    }
    double rmse = Math.sqrt(squaredError(s, parallelism, speedup) / parallelism.length);
    return Optional.of(new AmdahlFit(s, rmse, parallelism.length));
  }

  private static double squaredError(double s, double[] p, double[] speedup) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double d = speedup[i] - predict(s, p[i]);
      sum += d * d;
    }
    return sum;
  }
}
