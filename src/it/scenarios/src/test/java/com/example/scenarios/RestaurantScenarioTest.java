package com.example.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import brigade.restaurant.Faults;
import brigade.restaurant.Restaurant;
import brigade.restaurant.RestaurantSettings;
import brigade.restaurant.Summary;
import brigade.testkit.BrigadeTestKit;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A user's restaurant scenario: settings in code, worker-2 drops its first plate, orders asked for. */
@BrigadeTestKit
class RestaurantScenarioTest {
  @Test
  void worker2DropsItsFirstPlateAndEveryOrderIsStillServed(ActorTestKit kit) throws Exception {
    // A worker takes orders once its start-up has reached the restaurant. At 0.05 a dish takes 15 ms, so worker-1
    // alone would need ~90 ms for all six: ample time for worker-2 to come on shift and get (and drop) one. At 0.001
    // (0.3 ms a dish) a loaded CI run once saw worker-1 serve all six before worker-2 was on shift.
    RestaurantSettings settings = RestaurantSettings.defaults().withWorkers(2).withOrders(0).withTimeScale(0.05);
    ActorRef<Restaurant.Command> restaurant =
        kit.spawn(Restaurant.serving(settings, Faults.failOn("worker-2", 1), null));
    Duration timeout = Duration.ofSeconds(10);

    Restaurant.OrdersOutcome six = AskPattern.<Restaurant.Command, Restaurant.OrdersOutcome>ask(
            restaurant, replyTo -> new Restaurant.PlaceOrders(6, replyTo), timeout, kit.scheduler())
        .toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertEquals(6, six.served());

    Summary summary = AskPattern.<Restaurant.Command, Summary>ask(
            restaurant, Restaurant.CloseForSummary::new, timeout, kit.scheduler())
        .toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertEquals(6, summary.ordersServed());
    assertEquals(1, summary.restarts(), "worker-2, once");
  }
}
