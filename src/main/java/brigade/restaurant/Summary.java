package brigade.restaurant;

import brigade.report.TextTable;
import java.util.List;
import java.util.Locale;

/**
 * What a restaurant run did, as printed at the end (and as one JSON object with {@code --json}).
 * Invariants: {@code ordersReceived == ordersServed + ordersCancelled}; {@code dishesRetrieved ==
 * ordersServed - dishesNotRetrieved}, and {@code dishesNotRetrieved} is 0 unless closing timed out or
 * staff were stopped hard (a second close request, Terminate, the last dish-retrieval actor hard-stopped).
 * {@code ordersReceived <= ordersPlanned}: orders never taken in are never received.
 *
 * @param latencyMillis wall-clock milliseconds from an order's arrival to its dish on the table
 * @param closedBy why the restaurant closed: "all orders done", "every order cancelled", "order window over" (with a rate), "closed on
 *     request", "terminated (hard stop)", "stopped on a second close request (hard stop)"
 * @param ordersPlanned orders the run planned ({@code orders}, or rate x duration); those never taken in
 *     (the restaurant closed first) are not received: {@code ordersPlanned - ordersReceived}
 * @param overloaded whether, with a rate, orders that had arrived still waited at the door when it closed (the staff
 *     and dishes did not keep up; those orders were never received)
 * @param peakOrdersInFlight the most orders the book held at once (memory follows this, not the orders planned)
 */
public record Summary(
    long ordersReceived,
    long ordersCooked,
    long ordersServed,
    long ordersCancelled,
    long dishesRetrieved,
    List<StaffReport> staff,
    Latency latencyMillis,
    long wallMillis,
    double ordersPerSecond,
    long dishesNotRetrieved,
    long restarts,
    long ordersResent,
    boolean closeTimedOut,
    String closedBy,
    long ordersPlanned,
    boolean overloaded,
    long peakOrdersInFlight) {

  /**
   * One staff actor: {@code handled} = tasks it finished (orders cooked, delivered, dishes collected),
   * {@code overwork} = its periodic announcements (workers), {@code exit} = how it left, {@code utilisation} = the
   * share (0 to 1) of the run's wall time it spent on the steps it finished, {@code longestIdleMillis} = its longest
   * stretch (wall ms) with no step in hand, from the opening to the close.
   */
  public record StaffReport(String name, String role, long handled, int overwork, int restarts, String exit,
      double utilisation, double longestIdleMillis) {}

  /** Order latency percentiles in wall-clock milliseconds (HdrHistogram, recorded in microseconds). */
  public record Latency(double p50, double p99, double max, long count) {}

  /** The human-readable report: a totals table, then one row per staff actor. */
  public String toText() {
    String nl = System.lineSeparator();
    StringBuilder sb = new StringBuilder();
    sb.append("Restaurant summary (").append(closedBy).append(closeTimedOut ? ", close timed out" : "").append(")")
        .append(nl);
    TextTable totals = new TextTable("", "count");
    if (ordersPlanned != ordersReceived) totals.row("orders planned", ordersPlanned);
    totals.row("orders received", ordersReceived);
    totals.row("orders cooked", ordersCooked);
    totals.row("orders served", ordersServed);
    totals.row("orders cancelled", ordersCancelled);
    totals.row("dishes retrieved", dishesRetrieved);
    if (dishesNotRetrieved > 0) totals.row("dishes left on tables", dishesNotRetrieved);
    totals.row("staff restarts", restarts);
    totals.row("orders re-sent", ordersResent);
    sb.append(totals);
    if (ordersPlanned != ordersReceived) {
      sb.append(String.format(Locale.ROOT, "planned %d, taken in %d: %d never received (the restaurant closed first)%n",
          ordersPlanned, ordersReceived, ordersPlanned - ordersReceived));
    }
    if (overloaded) {
      sb.append(String.format(Locale.ROOT,
          "overloaded: orders came faster than the staff and dishes served them (up to %d in flight; orders still"
              + " waiting at the door when it closed were never received)%n", peakOrdersInFlight));
    }
    sb.append(String.format(Locale.ROOT,
        "latency (wall ms, order in -> served): p50 %.3f  p99 %.3f  max %.3f  (%,d %s)%n",
        latencyMillis.p50(), latencyMillis.p99(), latencyMillis.max(), latencyMillis.count(),
        latencyMillis.count() == 1 ? "order" : "orders"));
    sb.append(String.format(Locale.ROOT, "wall time %d ms, %.1f orders/s served%n", wallMillis, ordersPerSecond));
    sb.append(nl);
    TextTable t = new TextTable("staff", "role", "handled", "overwork", "restarts", "exit", "utilisation",
        "longest idle ms");
    for (StaffReport s : staff) {
      t.row(s.name(), s.role(), s.handled(), s.overwork(), s.restarts(), s.exit(),
          String.format(Locale.ROOT, "%.1f%%", s.utilisation() * 100),
          String.format(Locale.ROOT, "%.1f", s.longestIdleMillis()));
    }
    sb.append(t);
    return sb.toString();
  }
}
