package brigade.restaurant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.restaurant.OrderBook.Order;
import brigade.restaurant.RestaurantEvent.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderBookTest {

  @Test
  void anOrderGoesCookedServedEatenDishBackAndLeavesTheBook() {
    OrderBook b = new OrderBook(2);
    Order o = b.takeIn(100);
    assertEquals(1, o.id);
    assertEquals(1, b.size());
    assertSame(o, b.get(1));
    assertTrue(b.cooked(o, 200), "a clean dish was there");
    assertEquals(1, b.cleanDishes());
    b.served(o, 300, 5_000_000);
    b.eaten(o, 400);
    assertNull(b.dishBack(o, 500), "nobody waits for a dish");
    assertEquals(2, b.cleanDishes());
    assertTrue(b.isEmpty());
    assertNull(b.get(1));
    assertEquals(1, b.received());
    assertEquals(1, b.served());
    assertEquals(1, b.retrieved());
    assertEquals(5.0, b.latency().p50(), 0.01, "5 ms");
  }

  @Test
  void aCookedOrderWaitsForADishAndTakesTheFirstOneBackNoEarlierThanItCameBack() {
    OrderBook b = new OrderBook(1);
    Order first = b.takeIn(0);
    Order second = b.takeIn(0);
    assertTrue(b.cooked(first, 10));
    assertFalse(b.cooked(second, 20), "the only dish is out");
    assertEquals(Stage.WAITING_FOR_DISH, second.stage);
    assertEquals(1, b.waitingForDish());
    b.served(first, 30, 0);
    b.eaten(first, 40);
    assertSame(second, b.dishBack(first, 50), "the waiting order takes the dish");
    assertEquals(50, second.readyAt, "ready when the dish came back");
    assertEquals(0, b.cleanDishes());
    assertTrue(second.hasDish);
  }

  @Test
  void cancellingReturnsADishNotYetServedAndAServedOrderCannotBeCancelled() {
    OrderBook b = new OrderBook(1);
    Order o = b.takeIn(0);
    b.cooked(o, 1);
    assertEquals(0, b.cleanDishes());
    b.cancel(o); // lost in delivery: the dish never left the kitchen
    assertEquals(1, b.cleanDishes());
    assertEquals(1, b.cancelled());
    Order p = b.takeIn(0);
    b.cooked(p, 1);
    b.served(p, 2, 0);
    assertThrows(IllegalStateException.class, () -> b.cancel(p));
    b.leaveDish(p);
    assertEquals(0, b.cleanDishes(), "the dish stays on the table");
    assertEquals(1, b.dishesLeft());
    assertThrows(IllegalStateException.class, () -> b.leaveDish(p), "settled once only");
    assertTrue(b.isEmpty());
  }

  /**
   * Many orders, moved on, cancelled or given up at random with a few in flight at a time: each ends exactly once,
   * the dishes stay within the stock, and the book holds only what is in flight.
   */
  @Test
  void everyOrderEndsExactlyOnceDishesStayWithinTheStockAndTheBookHoldsOnlyOrdersInFlight() {
    for (long seed = 1; seed <= 20; seed++) {
      Random rnd = new Random(seed);
      int stock = 1 + rnd.nextInt(5);
      OrderBook b = new OrderBook(stock);
      List<Order> live = new ArrayList<>();
      Map<Long, String> ended = new HashMap<>();
      int maxInFlight = 1 + rnd.nextInt(50);
      long planned = 20_000;
      long takenIn = 0;
      long t = 0;
      while (takenIn < planned || !live.isEmpty()) {
        t++;
        if (takenIn < planned && live.size() < maxInFlight && rnd.nextInt(3) == 0) {
          live.add(b.takeIn(t));
          takenIn++;
          continue;
        }
        if (live.isEmpty()) continue;
        Order o = live.get(rnd.nextInt(live.size()));
        int fate = rnd.nextInt(20);
        if (fate == 0 && !OrderBook.isServed(o)) {
          b.cancel(o);
          end(ended, o, "cancelled", live);
        } else if (fate == 1) {
          boolean served = OrderBook.isServed(o);
          b.giveUp(o);
          end(ended, o, served ? "dish left" : "cancelled", live);
        } else {
          switch (o.stage) {
            case RECEIVED -> b.cooked(o, t);
            case WAITING_FOR_DISH -> { } // only a dish coming back moves it on
            case COOKED -> b.served(o, t, 1000);
            case SERVED -> b.eaten(o, t);
            case EATEN -> {
              b.dishBack(o, t);
              end(ended, o, "dish back", live);
            }
            default -> throw new AssertionError(o.toString());
          }
        }
        long withDish = live.stream().filter(x -> x.hasDish).count();
        assertTrue(b.cleanDishes() >= 0 && b.cleanDishes() <= stock, "dishes " + b.cleanDishes());
        assertEquals(stock, b.cleanDishes() + withDish + b.dishesLeft(), "every dish is clean, out, or on a table");
        assertEquals(live.size(), b.size(), "the book holds exactly the orders in flight");
        assertTrue(b.size() <= maxInFlight);
      }
      assertEquals(planned, ended.size(), "every order ended once");
      assertEquals(b.received(), b.served() + b.cancelled(), "received = served + cancelled");
      assertEquals(b.served(), b.retrieved() + b.dishesLeft());
      assertEquals(0, b.size());
      assertTrue(b.peakInFlight() <= maxInFlight);
    }
  }

  private static void end(Map<Long, String> ended, Order o, String how, List<Order> live) {
    assertNull(ended.put(o.id, how), "order " + o.id + " ended twice");
    live.remove(o);
  }

  @Test
  void settleAllCancelsWhatWasNotServedAndLeavesTheDishesOfWhatWas() {
    OrderBook b = new OrderBook(1);
    Order waiting = b.takeIn(0);
    Order eating = b.takeIn(0);
    Order fresh = b.takeIn(0);
    b.cooked(eating, 1);
    b.served(eating, 2, 0);
    b.cooked(waiting, 3); // no dish left: waits
    List<Order> settled = b.settleAll();
    assertEquals(3, settled.size());
    assertEquals(2, b.cancelled());
    assertEquals(1, b.dishesLeft());
    assertEquals(Stage.CANCELLED, waiting.stage);
    assertEquals(Stage.CANCELLED, fresh.stage);
    assertEquals(0, b.waitingForDish());
    assertTrue(b.isEmpty());
    assertEquals(b.received(), b.served() + b.cancelled());
  }

  @Test
  void theMapOfOrdersInFlightAgreesWithAHashMapUnderRandomPutsAndRemoves() {
    Random rnd = new Random(3);
    OrderBook.OrderMap map = new OrderBook.OrderMap();
    Map<Long, Order> expected = new HashMap<>();
    for (int step = 0; step < 200_000; step++) {
      long id = rnd.nextInt(5_000);
      if (rnd.nextBoolean()) {
        Order o = new Order(id, step);
        map.put(id, o);
        expected.put(id, o);
      } else {
        assertEquals(expected.remove(id) != null, map.remove(id));
      }
      long probe = rnd.nextInt(5_000);
      assertSame(expected.get(probe), map.get(probe));
      assertEquals(expected.size(), map.size());
    }
    assertEquals(expected.size(), map.values().size());
  }
}
