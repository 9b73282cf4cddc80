package brigade.restaurant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import brigade.config.BrigadeConfig;
import brigade.restaurant.RestaurantEvent.Exit;
import brigade.restaurant.RestaurantEvent.Stage;
import brigade.testkit.BrigadeTestKit;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole restaurant, in real time at tiny time-scales; assertions are on counts and events only. */
@BrigadeTestKit
class RestaurantTest {
  static final Duration RUN = Duration.ofSeconds(30);

  static RestaurantSettings settings(String hocon) {
    return RestaurantSettings.from(ConfigFactory.parseString(hocon)
        .atPath("brigade.restaurant").withFallback(BrigadeConfig.defaults()).resolve());
  }

  /** A run: the summary plus every event the listener saw, in order. */
  record Run(Summary summary, List<RestaurantEvent> events) {
    <T extends RestaurantEvent> List<T> all(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    Summary.StaffReport staff(String name) {
      return summary.staff().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
  }

  static Run run(ActorTestKit kit, RestaurantSettings s, Faults faults) {
    return run(kit, s, faults, r -> {});
  }

  static Run run(ActorTestKit kit, RestaurantSettings s, Faults faults, java.util.function.Consumer<ActorRef<Restaurant.Command>> poke) {
    TestProbe<RestaurantEvent> events = kit.createTestProbe();
    TestProbe<Summary> summary = kit.createTestProbe();
    ActorRef<Restaurant.Command> r = kit.spawn(Restaurant.create(s, faults, events.ref()));
    poke.accept(r);
    List<RestaurantEvent> seen = new ArrayList<>();
    RestaurantEvent e;
    long deadline = System.nanoTime() + RUN.toNanos(); // workers' overwork events never stop: bound the wait
    do {
      e = events.receiveMessage(RUN);
      seen.add(e);
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the restaurant did not close within " + RUN + "; last events: "
            + seen.subList(Math.max(0, seen.size() - 10), seen.size()));
      }
    } while (!(e instanceof RestaurantEvent.Closed));
    r.tell(new Restaurant.WhenClosed(summary.ref()));
    Summary sum = summary.receiveMessage();
    assertEquals(((RestaurantEvent.Closed) e).summary(), sum);
    return new Run(sum, seen);
  }

  /** What must hold after every run, however it ended. */
  static void assertConsistent(Run run) {
    Summary s = run.summary();
    assertEquals(s.ordersReceived(), s.ordersServed() + s.ordersCancelled(), "received = served + cancelled");
    assertEquals(s.ordersServed(), s.dishesRetrieved() + s.dishesNotRetrieved(), "every served dish is accounted");
    // Every order ends exactly once: dish returned, cancelled, or (served and) left on the table.
    Map<Long, Stage> last = new HashMap<>();
    for (RestaurantEvent.OrderUpdate u : run.all(RestaurantEvent.OrderUpdate.class)) last.put(u.orderId(), u.stage());
    assertEquals(s.ordersReceived(), last.size());
    long returned = last.values().stream().filter(st -> st == Stage.DISH_RETURNED).count();
    long cancelled = last.values().stream().filter(st -> st == Stage.CANCELLED).count();
    assertEquals(s.dishesRetrieved(), returned);
    assertEquals(s.ordersCancelled(), cancelled);
    // The join: every child was seen gone, once.
    Set<String> gone = new HashSet<>();
    for (RestaurantEvent.StaffGone g : run.all(RestaurantEvent.StaffGone.class)) assertTrue(gone.add(g.staff()));
    assertEquals(s.staff().size(), gone.size());
  }

  @Test
  void nOrdersInNServedEveryChildRetiredCountsConsistent(ActorTestKit kit) {
    RestaurantSettings s = settings("orders = 60, workers = 3, delivery = 2, retrieval = 2, dishes = 5, time-scale = 0.0001");
    Run run = run(kit, s, Faults.NONE);
    Summary sum = run.summary();
    assertEquals(60, sum.ordersReceived());
    assertEquals(60, sum.ordersCooked());
    assertEquals(60, sum.ordersServed());
    assertEquals(0, sum.ordersCancelled());
    assertEquals(60, sum.dishesRetrieved());
    assertEquals(60, sum.latencyMillis().count());
    assertEquals("all orders done", sum.closedBy());
    assertEquals(7, sum.staff().size());
    for (Summary.StaffReport r : sum.staff()) assertEquals("retired", r.exit(), r.toString());
    for (Staff.Role role : Staff.Role.values()) {
      long handled = sum.staff().stream().filter(r -> r.role().equals(role.label())).mapToLong(Summary.StaffReport::handled).sum();
      assertEquals(60, handled, role + " tasks");
    }
    // Each staff actor's own retirement report agrees with the restaurant's book.
    for (RestaurantEvent.Retired r : run.all(RestaurantEvent.Retired.class)) {
      assertEquals(run.staff(r.staff()).handled(), r.handled(), r.staff());
    }
    assertEquals(7, run.all(RestaurantEvent.Retired.class).size());
    assertTrue(run.all(RestaurantEvent.StaffGone.class).stream().allMatch(g -> g.exit() == Exit.RETIRED));
    assertConsistent(run);
  }

  @Test
  void aFiniteDishStockMakesCookedOrdersWaitAndEveryDishComesBack(ActorTestKit kit) {
    RestaurantSettings s = settings("orders = 30, workers = 4, dishes = 1, time-scale = 0.0001");
    Run run = run(kit, s, Faults.NONE);
    assertEquals(30, run.summary().ordersServed());
    assertFalse(run.all(RestaurantEvent.OrderUpdate.class).stream()
        .noneMatch(u -> u.stage() == Stage.WAITING_FOR_DISH), "with one dish, some order waited for it");
    assertConsistent(run);
  }

  @Test
  void staffThatThrowIsRestartedAndTheOrderItHeldStillCompletes(ActorTestKit kit) {
    // Every staff actor drops its first task: each such order is re-sent, and all are served.
    RestaurantSettings s = settings("orders = 20, time-scale = 0.0001");
    Run run = run(kit, s, Faults.failFirst(1));
    Summary sum = run.summary();
    assertEquals(20, sum.ordersServed());
    assertEquals(20, sum.dishesRetrieved());
    List<RestaurantEvent.StaffFailed> failures = run.all(RestaurantEvent.StaffFailed.class);
    assertEquals(4, failures.size(), "each of the 4 staff actors failed its first task");
    assertEquals(4, sum.restarts());
    assertEquals(4, sum.ordersResent());
    for (RestaurantEvent.StaffFailed f : failures) {
      // The very order that was dropped went on to be served and its dish came back.
      assertTrue(run.events().stream().anyMatch(e -> e.equals(new RestaurantEvent.OrderUpdate(f.orderId(), Stage.DISH_RETURNED))));
    }
    for (Summary.StaffReport r : sum.staff()) {
      assertEquals(1, r.restarts(), r.toString());
      assertEquals("retired", r.exit());
    }
    assertConsistent(run);
  }

  @Test
  void aFaultAimedAtOneWorkerFailsItAloneOnce(ActorTestKit kit) {
    RestaurantSettings s = RestaurantSettings.defaults().withOrders(20).withTimeScale(0.0001);
    Run run = run(kit, s, Faults.failOn("worker-2", 1));
    List<RestaurantEvent.StaffFailed> failures = run.all(RestaurantEvent.StaffFailed.class);
    assertEquals(1, failures.size(), failures.toString());
    assertEquals("worker-2", failures.get(0).staff());
    assertEquals(1, run.staff("worker-2").restarts());
    for (String other : List.of("worker-1", "delivery-1", "retrieval-1")) assertEquals(0, run.staff(other).restarts());
    assertEquals(20, run.summary().ordersServed(), "the dropped order was re-sent and served");
    assertConsistent(run);
  }

  @Test
  void aSeededFaultRateLosesNoOrder(ActorTestKit kit) {
    RestaurantSettings s = settings("orders = 50, fault-rate = 0.3, seed = 7, time-scale = 0.0001");
    Run run = run(kit, s, s.faults());
    assertEquals(50, run.summary().ordersServed());
    assertTrue(run.summary().restarts() > 0);
    assertEquals(run.summary().restarts(), run.summary().ordersResent());
    assertConsistent(run);
  }

  @Test
  void zeroTimeStepsInBatchesWithFaultsStillServeEveryOrder(ActorTestKit kit) {
    // Steps of no time: orders go to staff in batches; a fault loses the rest of a batch, and all of it is re-sent.
    RestaurantSettings s = settings("orders = 300, fault-rate = 0.05, seed = 3, cook-time = 0s, delivery-time = 0s,"
        + " eating-time = 0s, retrieval-time = 0s");
    Run run = run(kit, s, s.faults());
    assertEquals(300, run.summary().ordersServed());
    assertEquals(300, run.summary().dishesRetrieved());
    assertTrue(run.summary().restarts() > 0);
    assertTrue(run.summary().ordersResent() >= run.summary().restarts(), "each restart re-sends what it held");
    assertConsistent(run);
  }

  @Test
  void hardStopOfOneWorkerIsReportedAndItsColleagueServesEverything(ActorTestKit kit) {
    // Cooking 6 orders takes at least 3 x 200 ms, so worker-1 is surely on shift when the hard stop lands.
    RestaurantSettings s = settings("orders = 6, workers = 2, cook-time = 200ms, delivery-time = 0s, eating-time = 0s, retrieval-time = 0s");
    Run run = run(kit, s, Faults.NONE, r -> r.tell(new Restaurant.HardStop("worker-1")));
    Summary sum = run.summary();
    assertEquals(6, sum.ordersServed());
    assertEquals(0, sum.ordersCancelled());
    assertEquals("hard stop", run.staff("worker-1").exit());
    assertEquals("retired", run.staff("worker-2").exit());
    assertTrue(run.all(RestaurantEvent.StaffGone.class).contains(
        new RestaurantEvent.StaffGone("worker-1", Staff.Role.WORKER, Exit.HARD_STOP, "hard stop (context.stop), the orders in its hands go to the others")));
    assertFalse(run.all(RestaurantEvent.Retired.class).stream().anyMatch(r -> r.staff().equals("worker-1")),
        "a hard-stopped actor does not get to retire");
    assertConsistent(run);
  }

  @Test
  void terminateStopsEveryoneHardAndCancelsWhatWasNotServed(ActorTestKit kit) {
    // 200 orders of 1 s cooking cannot be done before Terminate arrives.
    RestaurantSettings s = settings("orders = 200, cook-time = 1s");
    Run run = run(kit, s, Faults.NONE, r -> r.tell(new Restaurant.Terminate()));
    Summary sum = run.summary();
    assertEquals(200, sum.ordersReceived());
    assertTrue(sum.ordersCancelled() > 0);
    assertEquals("terminated (hard stop)", sum.closedBy());
    for (Summary.StaffReport r : sum.staff()) assertEquals("hard stop", r.exit());
    assertTrue(run.all(RestaurantEvent.Retired.class).isEmpty());
    assertConsistent(run);
  }

  @Test
  void gracefulCloseLetsEveryOrderInFlightFinish(ActorTestKit kit) {
    // At 0.01 the 25 orders take a few hundred ms: Close, sent at once, always comes while they are in flight
    // (at 0.001 a loaded machine could serve them all first, and the run would end as "all orders done").
    RestaurantSettings s = settings("orders = 25, time-scale = 0.01");
    Run run = run(kit, s, Faults.NONE, r -> r.tell(new Restaurant.Close()));
    Summary sum = run.summary();
    assertEquals(25, sum.ordersReceived());
    assertEquals(25, sum.ordersServed());
    assertEquals("closed on request", sum.closedBy());
    assertFalse(sum.closeTimedOut());
    assertConsistent(run);
  }

  @Test
  void closeTimeoutCancelsWhatIsNotServedAndTheStaffStillRetire(ActorTestKit kit) {
    // One worker needs 5 x 1 s; closing gives it 100 ms: the orders not served are cancelled, not lost.
    RestaurantSettings s = settings("orders = 5, workers = 1, cook-time = 1s, close-timeout = 100ms");
    Run run = run(kit, s, Faults.NONE, r -> r.tell(new Restaurant.Close()));
    Summary sum = run.summary();
    assertEquals(5, sum.ordersReceived());
    assertTrue(sum.closeTimedOut());
    assertTrue(sum.ordersCancelled() >= 4, sum.toString());
    // The worker finished the order in its hands before retiring.
    assertEquals(1, run.staff("worker-1").handled());
    for (Summary.StaffReport r : sum.staff()) assertEquals("retired", r.exit());
    assertConsistent(run);
  }

  @Test
  void ordersAtARateForADuration(ActorTestKit kit) {
    // 400 orders/s for 0.1 simulated s = 40 orders, in 10x fast motion.
    RestaurantSettings s = settings("rate = 400, duration = 100ms, time-scale = 0.1, cook-time = 10ms, eating-time = 10ms");
    Run run = run(kit, s, Faults.NONE);
    assertEquals(40, run.summary().ordersReceived());
    assertEquals(40, run.summary().ordersServed());
    assertConsistent(run);
  }

  @Test
  void anOverloadedRateRunSaysSoHoldsOnlyItsWindowAndNeverReceivesTheRest(ActorTestKit kit) {
    // 100,000 orders in 0.1 s of wall time for 2 cooks of 100 ms each: the book fills, the rest wait at the door.
    RestaurantSettings s = settings("rate = 100000, duration = 1s, time-scale = 0.1, cook-time = 1s, close-timeout = 100ms");
    Run run = run(kit, s, Faults.NONE);
    Summary sum = run.summary();
    assertTrue(sum.overloaded(), sum.toText());
    assertEquals(100_000, sum.ordersPlanned());
    assertTrue(sum.ordersReceived() < sum.ordersPlanned(), sum.toText());
    assertTrue(sum.peakOrdersInFlight() <= s.bookWindow(), sum.toText());
    assertEquals("order window over", sum.closedBy());
    assertTrue(sum.toText().contains("overloaded"), sum.toText());
    assertConsistent(run);
  }

  @Test
  void zeroOrdersOpensAndClosesCleanly(ActorTestKit kit) {
    Run run = run(kit, settings("orders = 0"), Faults.NONE);
    assertEquals(0, run.summary().ordersReceived());
    assertConsistent(run);
  }
}
