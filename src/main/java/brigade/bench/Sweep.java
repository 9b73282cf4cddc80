package brigade.bench;

import brigade.primes.Dispatch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The bench's grid: every pool size × batch size × dispatch mode, with {@code auto} batch sizes resolved. */
public final class Sweep {
  /** The batch-size setting meaning "let the kitchen choose", as in {@code brigade.primes.batch-size = auto}. */
  public static final int AUTO = 0;

  private Sweep() {}

  /** Resolves {@code auto} to a concrete batch size for a job of {@code count} numbers on {@code poolSize} workers. */
  @FunctionalInterface
  public interface AutoBatch {
    int batchSize(long count, int poolSize);
  }

  /**
   * One configuration measured by the bench.
   *
   * @param batchSize the batch size actually used (auto already resolved)
   * @param auto whether the batch size came from {@code auto}
   */
  public record Point(Dispatch dispatch, int poolSize, int batchSize, boolean auto) {
    /** "auto" or the number, as the user wrote it. */
    public String batchSetting() {
      return auto ? "auto" : Integer.toString(batchSize);
    }

    /** "auto (625)" or "64": the setting and, for auto, what it resolved to. */
    public String batchLabel() {
      return auto ? "auto (" + batchSize + ")" : Integer.toString(batchSize);
    }

    /** Short and unique within a sweep, e.g. "push p=2 b=auto(625)". */
    public String label() {
      return dispatch.label() + " p=" + poolSize + " b=" + (auto ? "auto(" + batchSize + ")" : batchSize);
    }
  }

  /**
   * Expands the grid, dispatch outermost, then pool size, then batch size, each in the order given; repeated
   * values in a list are measured once.
   *
   * @param batchSizes sizes >= 1, or {@link #AUTO}
   */
  public static List<Point> expand(
      List<Integer> poolSizes, List<Integer> batchSizes, List<Dispatch> dispatches, long count, AutoBatch auto) {
    if (poolSizes.isEmpty() || batchSizes.isEmpty() || dispatches.isEmpty()) {
      throw new IllegalArgumentException("every sweep dimension needs at least one value");
    }
    List<Point> points = new ArrayList<>();
    for (Dispatch d : new LinkedHashSet<>(dispatches)) {
      for (int p : new LinkedHashSet<>(poolSizes)) {
        if (p < 1) throw new IllegalArgumentException("pool size " + p + " < 1");
        for (int b : new LinkedHashSet<>(batchSizes)) {
          if (b == AUTO) {
            points.add(new Point(d, p, Math.max(1, auto.batchSize(count, p)), true));
          } else if (b >= 1) {
            points.add(new Point(d, p, b, false));
          } else {
            throw new IllegalArgumentException("batch size " + b + " < 1");
          }
        }
      }
    }
    return List.copyOf(points);
  }
}
