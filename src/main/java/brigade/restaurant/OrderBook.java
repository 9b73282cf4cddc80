package brigade.restaurant;

import brigade.restaurant.RestaurantEvent.Stage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The restaurant's order book and dish stock: the orders in flight (taken in, not yet settled), where each one
 * is, the clean dishes, the cooked orders waiting for one, and the run's counts. A plain class owned by the
 * restaurant actor (not thread-safe, needs not be); it knows nothing of actors or time, only of instants it is
 * given (nanoseconds on the run's timeline).
 *
 * <p>Every order taken in ends exactly once: its dish comes back ({@link #dishBack}), it is cancelled
 * ({@link #cancel}), or it was served and its dish stays on the table ({@link #leaveDish}); then it leaves the
 * book, so the book holds only the orders in flight. Clean dishes never go below 0 or above the stock.
 */
final class OrderBook {

  /** One order in flight. Mutable; only the book changes its stage and dish. */
  static final class Order {
    final long id;
    /** When the customer ordered, on the run's timeline (ns). */
    final long arrivedAt;
    /** When its last step ended on the run's timeline (ns): the next step starts no earlier. */
    long readyAt;
    Stage stage = Stage.RECEIVED;
    /** Whether it holds one of the stock's dishes (from plating until the dish is back or left on the table). */
    boolean hasDish;

    Order(long id, long arrivedAt) {
      this.id = id;
      this.arrivedAt = arrivedAt;
      this.readyAt = arrivedAt;
    }

    @Override
    public String toString() {
      return "order " + id + " (" + stage + (hasDish ? ", with dish" : "") + ")";
    }
  }

  private final int stock;
  private final OrderMap inFlight = new OrderMap();
  private final ArrayDeque<Order> waitingForDish = new ArrayDeque<>();
  private final Histogram latencyMicros = new Histogram(3);
  private int cleanDishes;
  private long lastId;
  private long received, cooked, served, cancelled, retrieved, dishesLeft;
  private int peakInFlight;

  /** @param dishes the dish stock, >= 1; all clean at first */
  OrderBook(int dishes) {
    if (dishes < 1) throw new IllegalArgumentException("dishes must be >= 1: " + dishes);
    this.stock = dishes;
    this.cleanDishes = dishes;
  }

  /** A new order comes in (ids 1, 2, 3...). @param arrivedAt when the customer ordered (ns) */
  Order takeIn(long arrivedAt) {
    Order o = new Order(++lastId, arrivedAt);
    inFlight.put(o.id, o);
    received++;
    if (inFlight.size() > peakInFlight) peakInFlight = inFlight.size();
    return o;
  }

  /** @return the order in flight with this id, or null (settled, or never taken in) */
  Order get(long id) {
    return inFlight.get(id);
  }

  /** The order is on its way to a member of staff for the given step. */
  void handedOver(Order o, Stage stage) {
    o.stage = stage;
  }

  /**
   * The order is cooked; it takes a clean dish if there is one.
   *
   * @param at when cooking ended (ns)
   * @return true if it is plated (took a dish: on to delivery), false if it waits for a dish
   */
  boolean cooked(Order o, long at) {
    cooked++;
    o.readyAt = at;
    if (cleanDishes > 0) {
      plate(o);
      return true;
    }
    o.stage = Stage.WAITING_FOR_DISH;
    waitingForDish.addLast(o);
    return false;
  }

  /** Cooked once the restaurant was stopping: counted cooked, and cancelled (nobody will deliver it). */
  void cookedAfterClosing(Order o) {
    cooked++;
    cancel(o);
  }

  private void plate(Order o) {
    if (cleanDishes <= 0) throw new IllegalStateException("no clean dish for " + o);
    cleanDishes--;
    o.hasDish = true;
    o.stage = Stage.COOKED;
  }

  /**
   * The dish is on the customer's table.
   *
   * @param at when delivery ended (ns, the timeline)
   * @param latencyNanos wall time from the order's arrival to now
   */
  void served(Order o, long at, long latencyNanos) {
    served++;
    o.readyAt = at;
    o.stage = Stage.SERVED;
    latencyMicros.recordValue(Math.max(0, latencyNanos / 1000));
  }

  /** The customer has eaten: the dish can be collected. @param at when eating ended (ns) */
  void eaten(Order o, long at) {
    o.readyAt = at;
    o.stage = Stage.EATEN;
  }

  /**
   * The order's dish is back and clean: the order is done and leaves the book. If a cooked order waits for a
   * dish, it takes this one.
   *
   * @param at when the dish came back (ns)
   * @return the waiting order now plated (on to delivery, ready no earlier than {@code at}), or null
   */
  Order dishBack(Order o, long at) {
    retrieved++;
    remove(o);
    o.stage = Stage.DISH_RETURNED;
    returnDish(o);
    Order next = waitingForDish.pollFirst();
    if (next == null) return null;
    plate(next);
    next.readyAt = Math.max(next.readyAt, at);
    return next;
  }

  /** The order will not be served: it leaves the book, counted cancelled; a dish it held goes back to stock. */
  void cancel(Order o) {
    if (isServed(o)) {
      throw new IllegalStateException("cannot cancel " + o + ": it was served");
    }
    if (o.stage == Stage.WAITING_FOR_DISH) waitingForDish.remove(o);
    remove(o);
    cancelled++;
    o.stage = Stage.CANCELLED;
    returnDish(o);
  }

  /** A served order whose dish nobody will collect: it leaves the book, its dish stays out of stock. */
  void leaveDish(Order o) {
    if (!isServed(o)) {
      throw new IllegalStateException("cannot leave the dish of " + o + ": it was not served");
    }
    remove(o);
    dishesLeft++;
    o.hasDish = false;
  }

  /** Settles what a step cannot be done for: cancelled if not yet served, else its dish stays on the table. */
  void giveUp(Order o) {
    if (isServed(o)) leaveDish(o);
    else cancel(o);
  }

  static boolean isServed(Order o) {
    return o.stage == Stage.SERVED || o.stage == Stage.EATEN || o.stage == Stage.COLLECTING;
  }

  /** Cancels every cooked order waiting for a dish. @return them, cancelled */
  List<Order> cancelWaitingForDish() {
    List<Order> out = new ArrayList<>(waitingForDish);
    waitingForDish.clear();
    for (Order o : out) {
      o.stage = Stage.COOKED; // no longer queued: cancel needs not search the queue
      cancel(o);
    }
    return out;
  }

  /** Settles every order still in the book (the restaurant closed). @return them, settled */
  List<Order> settleAll() {
    List<Order> out = cancelWaitingForDish();
    List<Order> rest = inFlight.values();
    for (Order o : rest) giveUp(o);
    out.addAll(rest);
    return out;
  }

  private void remove(Order o) {
    if (!inFlight.remove(o.id)) throw new IllegalStateException(o + " is not in the book");
  }

  private void returnDish(Order o) {
    if (!o.hasDish) return;
    o.hasDish = false;
    if (cleanDishes >= stock) throw new IllegalStateException("more dishes than the stock of " + stock);
    cleanDishes++;
  }

  /** @return orders in flight (taken in, not settled) */
  int size() {
    return inFlight.size();
  }

  boolean isEmpty() {
    return inFlight.isEmpty();
  }

  int peakInFlight() {
    return peakInFlight;
  }

  int cleanDishes() {
    return cleanDishes;
  }

  int stock() {
    return stock;
  }

  int waitingForDish() {
    return waitingForDish.size();
  }

  long received() {
    return received;
  }

  long cooked() {
    return cooked;
  }

  long served() {
    return served;
  }

  long cancelled() {
    return cancelled;
  }

  long retrieved() {
    return retrieved;
  }

  long dishesLeft() {
    return dishesLeft;
  }

  /** Order latency so far, wall ms from arrival to the dish on the table. */
  Summary.Latency latency() {
    Histogram h = latencyMicros;
    boolean none = h.getTotalCount() == 0;
    return new Summary.Latency(none ? 0 : h.getValueAtPercentile(50) / 1000.0,
        none ? 0 : h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, h.getTotalCount());
  }

  /**
   * Orders in flight by id: an open-addressing table of longs (linear probing), so a lookup per step boxes no
   * Long and allocates no entry. Grows at half full; removal shifts the following run back (no tombstones).
   */
  static final class OrderMap {
    private long[] ids = new long[64];
    private Order[] orders = new Order[64];
    private int size;

    private static int slot(long id, int mask) {
      long h = id * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32)) & mask;
    }

    Order get(long id) {
      int mask = ids.length - 1;
      for (int i = slot(id, mask); ; i = (i + 1) & mask) {
        Order o = orders[i];
        if (o == null) return null;
        if (ids[i] == id) return o;
      }
    }

    void put(long id, Order order) {
      if (2 * (size + 1) > ids.length) grow();
      int mask = ids.length - 1;
      int i = slot(id, mask);
      while (orders[i] != null) {
        if (ids[i] == id) {
          orders[i] = order;
          return;
        }
        i = (i + 1) & mask;
      }
      ids[i] = id;
      orders[i] = order;
      size++;
    }

    /** @return whether it was there */
    boolean remove(long id) {
      int mask = ids.length - 1;
      int i = slot(id, mask);
      while (true) {
        if (orders[i] == null) return false;
        if (ids[i] == id) break;
        i = (i + 1) & mask;
      }
      orders[i] = null;
      size--;
      // Shift back the entries after the hole that would no longer be found past it.
      int hole = i;
      for (int j = (hole + 1) & mask; orders[j] != null; j = (j + 1) & mask) {
        int home = slot(ids[j], mask);
        boolean between = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
        if (!between) {
          ids[hole] = ids[j];
          orders[hole] = orders[j];
          orders[j] = null;
          hole = j;
        }
      }
      return true;
    }

    int size() {
      return size;
    }

    boolean isEmpty() {
      return size == 0;
    }

    List<Order> values() {
      List<Order> out = new ArrayList<>(size);
      for (Order o : orders) if (o != null) out.add(o);
      return out;
    }

    private void grow() {
      long[] oldIds = ids;
      Order[] oldOrders = orders;
      ids = new long[oldIds.length * 2];
      orders = new Order[oldIds.length * 2];
      size = 0;
      for (int i = 0; i < oldIds.length; i++) if (oldOrders[i] != null) put(oldIds[i], oldOrders[i]);
    }
  }
}
