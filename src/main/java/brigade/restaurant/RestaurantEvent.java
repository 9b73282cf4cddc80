package brigade.restaurant;

/**
 * What happens in the restaurant, as events: staff report theirs to the restaurant (which counts them for
 * the summary), and the restaurant passes every event on to an optional listener (a test probe, a UI).
 */
public sealed interface RestaurantEvent {
  /**
   * A worker on shift did its periodic "overwork" (the classic thread lesson's loop body): {@code count} since
   * hire. At small time-scales one message may stand for several intervals (the count jumps by more than one).
   */
  record Overworked(String staff, int count) implements RestaurantEvent, Staff.Report {}

  /** A staff actor threw while holding an order (it is being restarted; the order will be re-sent). */
  record StaffFailed(String staff, Staff.Role role, long orderId, String cause) implements RestaurantEvent, Staff.Report {}

  /** A staff actor obeyed Stop: its work in hand is done and it stops itself. Counts span restarts. */
  record Retired(String staff, Staff.Role role, int handled, int restarts) implements RestaurantEvent, Staff.Report {}

  /** The restaurant saw a child terminate (its "join"), and why. */
  record StaffGone(String staff, Staff.Role role, Exit exit, String detail) implements RestaurantEvent {}

  /** An order moved on (published only to a listener; the log has it at INFO or DEBUG). */
  record OrderUpdate(long orderId, Stage stage) implements RestaurantEvent {}

  /** The restaurant has closed: every staff actor is gone and this is the summary. */
  record Closed(Summary summary) implements RestaurantEvent {}

  /** Why a staff actor is gone. */
  enum Exit {
    /** It obeyed Stop, finished its work in hand and stopped itself. */
    RETIRED("retired"),
    /** The restaurant stopped it with context.stop (a process's terminate()): work in hand was dropped. */
    HARD_STOP("hard stop"),
    /** It threw and its supervisor gave up on it. */
    FAILED("failed"),
    /** It stopped without being asked (a bug: should never be seen). */
    UNEXPECTED("stopped unexpectedly");

    private final String label;

    Exit(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Where an order is. */
  enum Stage {
    RECEIVED, COOKING, COOKED, WAITING_FOR_DISH, DELIVERING, SERVED, EATEN, COLLECTING, DISH_RETURNED, CANCELLED
  }
}
