package brigade.trace;

/**
 * One actor's busy spans, folded as they come (constant memory): total busy time and the longest idle gap, for
 * the utilisation and longest-idle-gap columns. Spans are given in the order the actor did them (an actor does one
 * thing at a time); one that starts before the previous one ended counts from that end (overlap is never double
 * counted). Times are nanoseconds on one clock.
 */
public final class BusyTime {
  private long busyNanos;
  private long lastEnd = Long.MIN_VALUE;
  private long firstStart = Long.MIN_VALUE;
  private long longestGap;

  /**
   * Adds one busy span.
   *
   * @param start its start, nanoseconds
   * @param end its end, nanoseconds ({@code < start} is taken as {@code start})
   */
  public void add(long start, long end) {
    if (end < start) end = start;
    if (lastEnd == Long.MIN_VALUE) {
      firstStart = start;
    } else {
      if (start > lastEnd) longestGap = Math.max(longestGap, start - lastEnd);
      start = Math.max(start, lastEnd);
      if (end < start) return;
    }
    busyNanos += end - start;
    lastEnd = Math.max(lastEnd, end);
  }

  /** @return the busy time so far, nanoseconds */
  public long busyNanos() {
    return busyNanos;
  }

  /**
   * @param runStart the run's start, nanoseconds on the spans' clock
   * @param runEnd the run's end
   * @return busy share of [runStart, runEnd], in [0, 1]; 0 for an empty run
   */
  public double utilisation(long runStart, long runEnd) {
    long run = runEnd - runStart;
    if (run <= 0) return 0;
    return Math.min(1.0, (double) busyNanos / run);
  }

  /**
   * @param runStart the run's start, nanoseconds on the spans' clock
   * @param runEnd the run's end
   * @return the longest stretch in [runStart, runEnd] with no span, nanoseconds: between spans, before the first or
   *     after the last; the whole run for an actor that never worked
   */
  public long longestIdleNanos(long runStart, long runEnd) {
    if (lastEnd == Long.MIN_VALUE) return Math.max(0, runEnd - runStart);
    long before = Math.max(0, firstStart - runStart);
    long after = Math.max(0, runEnd - lastEnd);
    return Math.max(longestGap, Math.max(before, after));
  }
}
