package brigade.restaurant;

import brigade.report.TextTable;
import java.util.List;
import java.util.Locale;

/**
 * What a restaurant run did, as printed at the end (and as one JSON object with {@code --json}).
 * Invariants: {@code ordersReceived == ordersServed + ordersCancelled}; {@code dishesRetrieved ==
 * ordersServed - dishesNotRetrieved}, and {@code dishesNotRetrieved} is 0 unless closing timed out or
 * the last dish-retrieval actor was hard-stopped.
 *
 * @param latencyMillis wall-clock milliseconds from an order's arrival to its dish on the table
 * @param closedBy why the restaurant closed: "all orders done", "closed on request", "terminated (hard stop)"
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
    String closedBy) {

  /**
   * One staff actor: {@code handled} = tasks it finished (orders cooked, delivered, dishes collected),
   * {@code overwork} = its periodic announcements (workers), {@code exit} = how it left.
   */
  public record StaffReport(String name, String role, long handled, int overwork, int restarts, String exit) {}

  /** Order latency percentiles in wall-clock milliseconds (HdrHistogram, recorded in microseconds). */
  public record Latency(double p50, double p99, double max, long count) {}

  /** The human-readable report: a totals table, then one row per staff actor. */
  public String toText() {
    String nl = System.lineSeparator();
    StringBuilder sb = new StringBuilder();
    sb.append("Restaurant summary (").append(closedBy).append(closeTimedOut ? ", close timed out" : "").append(")")
        .append(nl);
    TextTable totals = new TextTable("", "count");
    totals.row("orders received", ordersReceived);
    totals.row("orders cooked", ordersCooked);
    totals.row("orders served", ordersServed);
    totals.row("orders cancelled", ordersCancelled);
    totals.row("dishes retrieved", dishesRetrieved);
    if (dishesNotRetrieved > 0) totals.row("dishes left on tables", dishesNotRetrieved);
    totals.row("staff restarts", restarts);
    totals.row("orders re-sent", ordersResent);
    sb.append(totals);
    sb.append(String.format(Locale.ROOT,
        "latency (wall ms, order in -> served): p50 %.3f  p99 %.3f  max %.3f  (%d orders)%n",
        latencyMillis.p50(), latencyMillis.p99(), latencyMillis.max(), latencyMillis.count()));
    sb.append(String.format(Locale.ROOT, "wall time %d ms, %.1f orders/s served%n", wallMillis, ordersPerSecond));
    sb.append(nl);
    TextTable t = new TextTable("staff", "role", "handled", "overwork", "restarts", "exit");
    for (StaffReport s : staff) t.row(s.name(), s.role(), s.handled(), s.overwork(), s.restarts(), s.exit());
    sb.append(t);
    return sb.toString();
  }
}
