package brigade.restaurant;

import brigade.restaurant.Restaurant.OrderOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Who waits for which asked order: one caller per order placed with {@link Restaurant.PlaceOrder}, one per batch
 * placed with {@link Restaurant.PlaceOrders} (answered once, when its last order is settled, with the outcomes in
 * the order placed). A plain class owned by the restaurant actor; replies are handed to callbacks (the askers'
 * refs' {@code tell}), so it is tested without actors.
 */
final class AskBook {
  /** One batch's outcomes as they come in. */
  private static final class Batch {
    final Consumer<List<OrderOutcome>> reply;
    final OrderOutcome[] outcomes;
    int left;

    Batch(Consumer<List<OrderOutcome>> reply, int size) {
      this.reply = reply;
      this.outcomes = new OrderOutcome[size];
      this.left = size;
    }
  }

  /** A waiting order: its single asker, or its batch and place in it. */
  private record Waiter(Consumer<OrderOutcome> single, Batch batch, int index) {}

  private final Map<Long, Waiter> byOrder = new HashMap<>();

  /** {@code reply} gets order {@code orderId}'s outcome once it is settled. */
  void awaitOne(long orderId, Consumer<OrderOutcome> reply) {
    byOrder.put(orderId, new Waiter(reply, null, 0));
  }

  /** {@code reply} gets the outcomes of all {@code orderIds}, in that order, once the last is settled. */
  void awaitAll(long[] orderIds, Consumer<List<OrderOutcome>> reply) {
    if (orderIds.length == 0) {
      reply.accept(List.of());
      return;
    }
    Batch batch = new Batch(reply, orderIds.length);
    for (int i = 0; i < orderIds.length; i++) byOrder.put(orderIds[i], new Waiter(null, batch, i));
  }

  /** An order is settled (served or cancelled): its asker hears it, or its batch's asker once the batch is complete. */
  void settle(OrderOutcome outcome) {
    if (byOrder.isEmpty()) return; // a run without asks pays one check per settled order
    Waiter w = byOrder.remove(outcome.orderId());
    if (w == null) return;
    if (w.single() != null) {
      w.single().accept(outcome);
      return;
    }
    Batch b = w.batch();
    b.outcomes[w.index()] = outcome;
    if (--b.left == 0) b.reply.accept(List.of(b.outcomes));
  }

  /** Orders still waiting for their outcome. */
  int waiting() {
    return byOrder.size();
  }

  /** Settles every order still waiting with what {@code outcome} makes of its id (the restaurant closed). */
  void settleRest(java.util.function.LongFunction<OrderOutcome> outcome) {
    for (long id : byOrder.keySet().stream().mapToLong(Long::longValue).sorted().toArray()) settle(outcome.apply(id));
  }
}
