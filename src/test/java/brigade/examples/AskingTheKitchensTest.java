package brigade.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import brigade.primes.Job;
import brigade.primes.PrimeKitchen;
import brigade.primes.PrimeWorker;
import brigade.restaurant.Faults;
import brigade.restaurant.Restaurant;
import brigade.restaurant.RestaurantSettings;
import brigade.restaurant.Summary;
import brigade.testkit.BrigadeTestKit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The executor lessons as asks (the thread-lesson table of docs/restaurant.md): executor.submit(task) then future.result() is an
 * ask of one order; Pool.map is a batch; shutting down and reading the tally is an ask for the Summary.
 */
@BrigadeTestKit
class AskingTheKitchensTest {
  static final Duration ASK = Duration.ofSeconds(10);

  static <T> T result(CompletionStage<T> future) throws Exception {
    return future.toCompletableFuture().get(30, TimeUnit.SECONDS); // future.result()
  }

  @Test
  void oneOrderABatchAndTheSummaryAsAsks(ActorTestKit kit) throws Exception {
    RestaurantSettings settings = RestaurantSettings.defaults().withOrders(0).withTimeScale(0.001);
    ActorRef<Restaurant.Command> restaurant = kit.spawn(Restaurant.serving(settings, Faults.NONE, null));

    // executor.submit(task) -> future.result()
    CompletionStage<Restaurant.OrderOutcome> one =
        AskPattern.ask(restaurant, Restaurant.PlaceOrder::new, ASK, kit.scheduler());
    Restaurant.Served served = assertInstanceOf(Restaurant.Served.class, result(one));
    assertEquals(1, served.orderId());

    // a batch submitted, its results gathered in the order placed (Pool.map)
    CompletionStage<Restaurant.OrdersOutcome> batch =
        AskPattern.ask(restaurant, replyTo -> new Restaurant.PlaceOrders(5, replyTo), ASK, kit.scheduler());
    Restaurant.OrdersOutcome five = result(batch);
    assertEquals(List.of(2L, 3L, 4L, 5L, 6L), five.outcomes().stream().map(Restaurant.OrderOutcome::orderId).toList());
    assertEquals(5, five.served());

    // executor.shutdown(), then the tally
    Summary summary = result(AskPattern.ask(restaurant, Restaurant.CloseForSummary::new, ASK, kit.scheduler()));
    assertEquals(6, summary.ordersReceived());
    assertEquals(6, summary.ordersServed());
    assertEquals(6, summary.ordersPlanned());

    // After closing, an order is refused, never taken in.
    Restaurant.OrderOutcome late = result(AskPattern.ask(restaurant, Restaurant.PlaceOrder::new, ASK, kit.scheduler()));
    assertEquals(new Restaurant.Refused("the restaurant is closed"), late);
  }

  @Test
  void anAskThatTimesOutLosesNothingInTheRestaurantsAccounts(ActorTestKit kit) throws Exception {
    // At time-scale 1 an order takes 450 ms to cook and deliver: a 50 ms ask gives up long before.
    RestaurantSettings settings = RestaurantSettings.defaults().withOrders(0);
    ActorRef<Restaurant.Command> restaurant = kit.spawn(Restaurant.serving(settings, Faults.NONE, null));
    CompletionStage<Restaurant.OrderOutcome> impatient =
        AskPattern.ask(restaurant, Restaurant.PlaceOrder::new, Duration.ofMillis(50), kit.scheduler());
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> result(impatient));
    assertInstanceOf(TimeoutException.class, e.getCause(), e.toString());
    assertTrue(e.getCause().getMessage().startsWith("Ask timed out"), e.getCause().getMessage());

    // The order was not lost with the asker's patience: closing waits for it, and the summary counts it.
    Summary summary = result(AskPattern.ask(restaurant, Restaurant.CloseForSummary::new, ASK, kit.scheduler()));
    assertEquals(1, summary.ordersReceived());
    assertEquals(summary.ordersReceived(), summary.ordersServed() + summary.ordersCancelled());
    assertEquals(1, summary.ordersServed());
  }

  @Test
  void aBatchAskedOfThePrimeKitchensRouter(ActorTestKit kit) throws Exception {
    try (PrimeKitchen kitchen = PrimeKitchen.open(kit.system(), 2)) {
      // one batch: executor.submit, future.result()
      PrimeWorker.Computed done = result(kitchen.submit(Job.CHECK, "fast", new long[] {97, 1099726899285419L}, ASK));
      assertEquals(List.of(true, false), List.of(done.prime()[0], done.prime()[1]));

      // Pool.map(fn, items, chunksize): batches of 2 over the router, results in input order
      List<PrimeWorker.Computed> mapped = result(kitchen.map(Job.FACTOR, "trial", new long[] {12, 7, 9, 10, 11}, 2, ASK));
      assertEquals(3, mapped.size());
      assertArrayEquals(new long[] {2, 2, 3, 7}, mapped.get(0).factors()); // 12 = 2 x 2 x 3, then 7
      assertArrayEquals(new long[] {11}, mapped.get(2).factors());
    }
  }
}
