package brigade.restaurant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import brigade.restaurant.RestaurantEvent.OrderUpdate;
import brigade.restaurant.RestaurantEvent.Stage;
import brigade.testkit.BrigadeTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The restaurant's phases (open, closing, stopping, closed) on ManualTime: timers fire only when the test says,
 * and the restaurant's clock is the manual one. Assertions are on counts, events and phases, never on wall time.
 */
@BrigadeTestKit(manualTime = true)
class RestaurantPhasesTest {
  static final Duration LONG = Duration.ofSeconds(1);

  /** A restaurant on the manual clock, with a listener. */
  record Shop(ActorRef<Restaurant.Command> ref, TestProbe<RestaurantEvent> events, List<RestaurantEvent> seen,
              ManualTime time) {
    static Shop open(ActorTestKit kit, ManualTime time, String hocon) {
      TestProbe<RestaurantEvent> events = kit.createTestProbe();
      RestaurantSettings s = RestaurantTest.settings(hocon);
      ActorRef<Restaurant.Command> ref = kit.spawn(Restaurant.create(s,
          new Restaurant.Options(Faults.NONE, events.ref(), StaffTest.manualClock(kit), null)));
      return new Shop(ref, events, new ArrayList<>(), time);
    }

    /** Reads events until one matches; keeps them all. */
    RestaurantEvent until(java.util.function.Predicate<RestaurantEvent> p) {
      while (true) {
        RestaurantEvent e = events.receiveMessage(Duration.ofSeconds(10));
        seen.add(e);
        if (p.test(e)) return e;
      }
    }

    void waitForStage(long orderId, Stage stage) {
      until(e -> e.equals(new OrderUpdate(orderId, stage)));
    }

    Restaurant.Closing close(ActorTestKit kit) {
      TestProbe<Restaurant.Closing> ack = kit.createTestProbe();
      ref.tell(new Restaurant.Close(null, ack.ref()));
      return ack.receiveMessage();
    }

    Summary closed() {
      return ((RestaurantEvent.Closed) until(e -> e instanceof RestaurantEvent.Closed)).summary();
    }
  }

  static void assertInvariants(Summary s) {
    assertEquals(s.ordersReceived(), s.ordersServed() + s.ordersCancelled(), "received = served + cancelled");
    assertEquals(s.ordersServed(), s.dishesRetrieved() + s.dishesNotRetrieved(), "every served dish accounted");
    assertTrue(s.ordersReceived() <= s.ordersPlanned());
  }

  @Test
  void closeWithOrdersInFlightLetsThemFinishThenRetiresTheStaff(ActorTestKit kit, ManualTime time) {
    Shop shop = Shop.open(kit, time, "orders = 4, workers = 1, cook-time = 1s, delivery-time = 0s, eating-time = 0s,"
        + " retrieval-time = 0s, close-timeout = 1h");
    shop.waitForStage(1, Stage.COOKING);
    Restaurant.Closing closing = shop.close(kit);
    assertEquals(4, closing.inFlight(), "all four are taken in and waiting or cooking");
    assertEquals(Duration.ofHours(1), closing.within());
    assertFalse(closing.stoppingNow());
    for (int i = 0; i < 4; i++) time.timePasses(LONG);
    Summary s = shop.closed();
    assertEquals(4, s.ordersServed());
    assertEquals(0, s.ordersCancelled());
    assertEquals("closed on request", s.closedBy());
    assertFalse(s.closeTimedOut());
    for (Summary.StaffReport r : s.staff()) assertEquals("retired", r.exit());
    assertInvariants(s);
  }

  @Test
  void theCloseTimeoutCancelsTheOrdersNotServedAndTheWorkInHandStillFinishes(ActorTestKit kit, ManualTime time) {
    Shop shop = Shop.open(kit, time, "orders = 5, workers = 1, cook-time = 1s, delivery-time = 0s, eating-time = 0s,"
        + " retrieval-time = 0s, close-timeout = 1500ms");
    shop.waitForStage(1, Stage.COOKING);
    shop.close(kit);
    time.timePasses(LONG); // order 1 cooked and served; order 2 in hand
    shop.waitForStage(2, Stage.COOKING);
    time.timePasses(Duration.ofMillis(500)); // the close timeout: orders 3-5 waiting are cancelled
    shop.until(e -> e.equals(new OrderUpdate(5, Stage.CANCELLED)));
    time.timePasses(LONG); // worker-1 finishes order 2, too late to deliver: cancelled too
    Summary s = shop.closed();
    assertTrue(s.closeTimedOut());
    assertEquals(1, s.ordersServed());
    assertEquals(4, s.ordersCancelled());
    assertEquals(2, s.ordersCooked(), "the order in hand was finished before worker-1 retired");
    for (Summary.StaffReport r : s.staff()) assertEquals("retired", r.exit());
    assertInvariants(s);
  }

  @Test
  void aSecondCloseRequestIsTheHardStop(ActorTestKit kit, ManualTime time) {
    Shop shop = Shop.open(kit, time, "orders = 50, cook-time = 1s, close-timeout = 1h");
    shop.waitForStage(2, Stage.COOKING);
    assertFalse(shop.close(kit).stoppingNow());
    Restaurant.Closing second = shop.close(kit);
    assertTrue(second.stoppingNow(), "the second request stops now");
    Summary s = shop.closed(); // no time passes: nobody waits for a timer
    assertEquals("stopped on a second close request (hard stop)", s.closedBy());
    assertEquals(50, s.ordersReceived());
    assertEquals(50, s.ordersCancelled());
    for (Summary.StaffReport r : s.staff()) assertEquals("hard stop", r.exit());
    assertInvariants(s);
  }

  @Test
  void terminateWhileClosingStopsEveryoneHard(ActorTestKit kit, ManualTime time) {
    Shop shop = Shop.open(kit, time, "orders = 10, cook-time = 1s, close-timeout = 1h");
    shop.waitForStage(1, Stage.COOKING);
    shop.close(kit);
    shop.ref().tell(new Restaurant.Terminate());
    Summary s = shop.closed();
    assertEquals("terminated (hard stop)", s.closedBy());
    assertEquals(10, s.ordersCancelled());
    for (Summary.StaffReport r : s.staff()) assertEquals("hard stop", r.exit());
    assertInvariants(s);
  }

  @Test
  void ordersNeverTakenInAreNeverReceivedAndTheBookHoldsOnlyItsWindow(ActorTestKit kit, ManualTime time) {
    // A million orders arrive at once; cooking takes an hour, so none leaves the book: it holds its window only.
    Shop shop = Shop.open(kit, time, "orders = 1000000, cook-time = 1h, close-timeout = 1h");
    shop.waitForStage(1, Stage.COOKING);
    shop.close(kit);
    shop.close(kit);
    Summary s = shop.closed();
    assertEquals(1_000_000, s.ordersPlanned());
    assertEquals(1024, s.ordersReceived(), "planned 1,000,000, taken in one window's worth");
    assertEquals(1024, s.peakOrdersInFlight());
    assertInvariants(s);
    assertTrue(s.toText().contains("planned 1000000, taken in 1024"), s.toText());
  }

  @Test
  void theRestaurantsTimersAreTheScaledTimesAndLateStepsCatchUpOnTheTimeline(ActorTestKit kit, ManualTime time) {
    // At time-scale 0.01 one order takes 3 + 1.5 + 5 + 1 = 10.5 ms: cook, deliver, eat, collect. Timers wait
    // exactly that (rounded up to Akka's 10 ms tick it would be 40 ms); the manual scheduler counts whole ms,
    // fires the 1.5 ms ones after 1 ms, and the half ms is made up on the run's timeline. (Sub-millisecond timers
    // to the nanosecond: StaffTest.theTimerRequestedIsTheScaledTaskTimeToTheNanosecond.)
    Shop shop = Shop.open(kit, time, "orders = 1, time-scale = 0.01, work-interval = 1h");
    shop.waitForStage(1, Stage.COOKING);
    time.timePasses(Duration.ofMillis(2));
    shop.events().expectNoMessage(Duration.ofMillis(100)); // cooking takes 3 ms
    time.timePasses(Duration.ofMillis(1));
    shop.waitForStage(1, Stage.DELIVERING);
    time.timePasses(Duration.ofMillis(1)); // 4 ms: delivered (on the timeline at 4.5 ms)
    shop.waitForStage(1, Stage.SERVED);
    time.timePasses(Duration.ofMillis(4));
    shop.events().expectNoMessage(Duration.ofMillis(100)); // eating until 9.5 ms
    time.timePasses(Duration.ofMillis(1));
    shop.waitForStage(1, Stage.COLLECTING);
    time.timePasses(Duration.ofMillis(1)); // 10 ms
    shop.waitForStage(1, Stage.DISH_RETURNED);
    Summary s = shop.closed();
    assertEquals(1, s.dishesRetrieved());
    assertInvariants(s);
  }

  @Test
  void aFirstCloseRequestWhileTheStaffFinishTheirLastOrdersIsNoHardStopTheSecondIs(ActorTestKit kit, ManualTime time) {
    // A rate run: its one order's window ends (closing, not on request), the close timeout passes while a worker
    // cooks for an hour, and the staff are told to stop. A first Close then is no hard stop; a second one is.
    Shop shop = Shop.open(kit, time, "rate = 1, duration = 1s, cook-time = 1h, close-timeout = 100ms, work-interval = 1h");
    shop.waitForStage(1, Stage.COOKING);
    time.timePasses(Duration.ofMillis(100));
    shop.until(e -> e instanceof RestaurantEvent.Retired r && r.staff().equals("delivery-1")); // Stop went out
    Restaurant.Closing first = shop.close(kit);
    assertFalse(first.stoppingNow(), "a first request is never the hard stop");
    Restaurant.Closing second = shop.close(kit);
    assertTrue(second.stoppingNow());
    Summary s = shop.closed();
    assertEquals("stopped on a second close request (hard stop)", s.closedBy());
    assertEquals(1, s.ordersCancelled());
    assertInvariants(s);
  }
}
