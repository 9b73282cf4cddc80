package brigade.restaurant;

/**
 * The restaurant's door: the orders planned for the run, when each one arrives, and how many have been taken in.
 * With a rate, order i (from 0) arrives at {@code openedAt + i / rate} (scaled); without one, all arrive at
 * {@code openedAt}. Orders that have arrived but are not taken in yet cost nothing but a count: the restaurant
 * takes them in as its book has room (see {@link #room}), so memory follows the orders in flight, not the
 * orders planned. A plain class owned by the restaurant actor.
 *
 * <p>The rule for orders never taken in: when the restaurant closes (the end of the order window, a close
 * request, a hard stop), the door closes; orders planned but not taken in by then are never received, and the
 * summary shows "planned N, received M".
 */
final class Intake {
  private final long planned;
  private final long openedAt;
  private final double intervalNanos;
  private long takenIn;
  private long peakWaiting;

  /**
   * @param planned orders in the run (>= 0)
   * @param openedAt when the door opens (ns on the run's timeline)
   * @param intervalNanos wall ns between arrivals (already scaled); 0 = all arrive at {@code openedAt}
   */
  Intake(long planned, long openedAt, double intervalNanos) {
    this.planned = planned;
    this.openedAt = openedAt;
    this.intervalNanos = intervalNanos;
  }

  /** @return orders arrived by {@code now} (ns), taken in or not */
  long arrivedBy(long now) {
    if (intervalNanos == 0) return planned;
    if (now < openedAt) return 0;
    double n = Math.floor((now - openedAt) / intervalNanos) + 1;
    return n >= planned ? planned : (long) n;
  }

  /** @return orders that arrived by {@code now} and wait at the door; remembers the peak */
  long waiting(long now) {
    long w = arrivedBy(now) - takenIn;
    if (w > peakWaiting) peakWaiting = w;
    return w;
  }

  /** Takes the next arrived order in. @return when it arrived (ns) */
  long takeNext() {
    if (takenIn >= planned) throw new IllegalStateException("all " + planned + " orders are taken in");
    long i = takenIn++;
    return intervalNanos == 0 ? openedAt : openedAt + (long) (i * intervalNanos);
  }

  /** How many orders to take in now: all that wait, up to what the book has room for (window - in flight). */
  static long room(long waiting, int inFlight, int window) {
    return Math.max(0, Math.min(waiting, (long) window - inFlight));
  }

  /** @return when the last planned order arrives (ns); the order window is over then */
  long lastArrival() {
    return intervalNanos == 0 ? openedAt : openedAt + (long) (Math.max(0, planned - 1) * intervalNanos);
  }

  boolean allTakenIn() {
    return takenIn >= planned;
  }

  long planned() {
    return planned;
  }

  long takenIn() {
    return takenIn;
  }

  /** @return the most orders seen waiting at the door at once */
  long peakWaiting() {
    return peakWaiting;
  }
}
