package brigade.primes;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The one measuring harness of the prime kitchen, shared by the {@code primes} command's session and the bench:
 * several passes over the same work (the actor pool, a ForkJoinPool, one thread), each timed as a whole, run back
 * to back in an order that rotates from round to round (and point to point in a sweep: pool, fork-join, sequential;
 * fork-join, sequential, pool; ...), so a machine that drifts during the run shifts every pass alike and the ratios
 * stay honest. Every pass's {@link Tally} (counts and a checksum of every answer) is checked against the first:
 * a pass that lost or changed an answer stops the measurement ({@link Mismatch}) instead of producing a flattering
 * time. Medians with min–max of the rounds are taken by {@code brigade.report.Stats}.
 */
public final class TimedRounds {
  private TimedRounds() {}

  /** One way of doing the whole work, timed from outside as a whole. */
  public interface Pass {
    /** What the report calls it: "actor pool", "fork-join", "sequential". */
    String name();

    /**
     * Does the whole work once.
     *
     * @return what it computed, or null if it was cancelled before the end
     */
    Tally run() throws InterruptedException;
  }

  /** The work of a {@link Pass}. */
  @FunctionalInterface
  public interface Body {
    /** @return what it computed, or null if cancelled before the end */
    Tally run() throws InterruptedException;
  }

  /** A pass named {@code name} that runs {@code body}. */
  public static Pass pass(String name, Body body) {
    return new Pass() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Tally run() throws InterruptedException {
        return body.run();
      }
    };
  }

  /** A pass computed something other than the reference: its time would not measure the same work (a bug). */
  public static final class Mismatch extends IllegalStateException {
    Mismatch(String message) {
      super(message);
    }
  }

  /**
   * One round's outcome.
   *
   * @param nanos each pass's time, in the order the passes were given (not the order they ran in)
   * @param tally what the passes computed (all the same)
   */
  public record Round(long[] nanos, Tally tally) {}

  /**
   * The order the passes run in at round {@code round} (from 0) of the point with index {@code point}: indexes
   * into the passes, rotated by round + point. Round 0 of point 0 runs them in the order given.
   */
  public static List<Integer> order(int passes, int round, int point) {
    List<Integer> order = new ArrayList<>(passes);
    for (int i = 0; i < passes; i++) order.add((round + point + i) % passes);
    return order;
  }

  /**
   * Runs each pass once, in {@link #order}, timing each and checking its tally against {@code expected} (or, when
   * null, against the first pass to finish in this round).
   *
   * @param expectedFrom what computed {@code expected}, for a mismatch's message ("the sequential reference")
   * @return the round's times, or null if a pass was cancelled (a partial round is never quoted)
   * @throws Mismatch if a pass computed something else
   */
  public static Round round(List<? extends Pass> passes, int round, int point, Tally expected, String expectedFrom,
      BooleanSupplier cancelled) throws InterruptedException {
    long[] nanos = new long[passes.size()];
    Tally reference = expected;
    String referenceName = expectedFrom;
    for (int i : order(passes.size(), round, point)) {
      if (cancelled.getAsBoolean()) return null;
      Pass pass = passes.get(i);
      long start = System.nanoTime();
      Tally t = pass.run();
      nanos[i] = Math.max(1, System.nanoTime() - start);
      if (t == null || cancelled.getAsBoolean()) return null;
      if (reference == null) {
        reference = t;
        referenceName = "the " + pass.name() + " pass";
      } else if (!t.equals(reference)) {
        throw new Mismatch(String.format(Locale.ROOT, "the %s pass (round %d) computed %s, but %s computed %s: "
            + "its time would not measure the same work", pass.name(), round + 1, t, referenceName, reference));
      }
    }
    return new Round(nanos, reference);
  }

  /** Runs {@code round} (given the warm-up's round number, from 0) until {@code duration} has passed. */
  public interface WarmUpRound {
    /** @return false to stop early (cancelled) */
    boolean run(int round) throws InterruptedException;
  }

  /**
   * Warms the passes up, untimed: runs rounds until {@code duration} has passed (at least one round when the
   * duration is positive), so the JIT has compiled every pass's code before any is timed.
   *
   * @return the rounds run
   */
  public static int warmUp(Duration duration, WarmUpRound round) throws InterruptedException {
    return warmUp(duration, duration, round);
  }

  /**
   * Warms the passes up for at least {@code atLeast}, then on until the JIT compiler has settled (it spent under
   * {@link #JIT_SETTLED_SHARE} of a core compiling in each of the last {@link #JIT_QUIET_WINDOWS} windows of {@link
   * #JIT_WINDOW}: one quiet window is often a lull between bursts), but not past {@code atMost} in all. A fixed
   * warm-up ends while the compiler is still busy on a small machine: measured on 2 cores, the compiler took a whole
   * core for the first ~3 s of a seed-sized job's warm-up, so the first timed rounds of the actor pool ran up to
   * twice as long as the last ones. Where the JVM does not report compilation time, the warm-up
   * lasts {@code atLeast}.
   *
   * @param atLeast the shortest warm-up (zero or less: none)
   * @param atMost the longest, at least {@code atLeast}
   * @return the rounds run
   */
  public static int warmUp(Duration atLeast, Duration atMost, WarmUpRound round) throws InterruptedException {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    LongSupplier compileMillis = jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit::getTotalCompilationTime : null;
    return warmUp(atLeast, atMost, JIT_WINDOW, compileMillis, round);
  }

  /** The compiler counts as settled below this share of one core spent compiling over a {@link #JIT_WINDOW}. */
  static final double JIT_SETTLED_SHARE = 0.10;
  static final Duration JIT_WINDOW = Duration.ofMillis(250);
  static final int JIT_QUIET_WINDOWS = 2;

  /**
   * As {@link #warmUp(Duration, Duration, WarmUpRound)}, with the compiler's total compilation time (ms) read from
   * {@code compileMillis} (null: unknown) and judged over windows of {@code window}.
   */
  static int warmUp(Duration atLeast, Duration atMost, Duration window, LongSupplier compileMillis, WarmUpRound round)
      throws InterruptedException {
    if (atLeast.isZero() || atLeast.isNegative()) return 0;
    long start = System.nanoTime();
    long deadline = start + atLeast.toNanos();
    long limit = start + Math.max(atLeast.toNanos(), atMost.toNanos());
    int rounds = 0;
    do {
      if (!round.run(rounds)) return rounds;
      rounds++;
    } while (System.nanoTime() < deadline);
    long windowStart = System.nanoTime();
    if (compileMillis == null || windowStart >= limit) return rounds;
    long compiledAt = compileMillis.getAsLong();
    int quiet = 0;
    while (true) {
      if (!round.run(rounds)) return rounds;
      rounds++;
      long now = System.nanoTime();
      if (now - windowStart >= window.toNanos()) {
        long compiled = compileMillis.getAsLong();
        quiet = (compiled - compiledAt) * 1e6 < JIT_SETTLED_SHARE * (now - windowStart) ? quiet + 1 : 0;
        if (quiet >= JIT_QUIET_WINDOWS) return rounds;
        windowStart = now;
        compiledAt = compiled;
      }
      if (now >= limit) return rounds;
    }
  }
}
