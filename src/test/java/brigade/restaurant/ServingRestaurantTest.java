package brigade.restaurant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import brigade.testkit.BrigadeTestKit;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** A restaurant that stays open for asks: after its own orders, after a rate's window, and while it closes. */
@BrigadeTestKit(config = "akka.actor.testkit.typed.single-expect-default = 20s")
class ServingRestaurantTest {

  @Test
  void itOutlivesItsOwnOrdersAndARatesWindowAndCountsAskedOrdersAsPlanned(ActorTestKit kit) {
    RestaurantSettings s = RestaurantSettings.defaults().withRate(1000, Duration.ofMillis(10)).withTimeScale(0.001);
    TestProbe<RestaurantEvent> events = kit.createTestProbe();
    ActorRef<Restaurant.Command> r = kit.spawn(Restaurant.serving(s, Faults.NONE, events.ref()));
    // Its own 10 orders are served, the window ends: it does not close.
    int served = 0;
    while (served < 10) {
      RestaurantEvent e = events.receiveMessage();
      assertEquals(false, e instanceof RestaurantEvent.Closed, "closed by itself");
      if (e instanceof RestaurantEvent.OrderUpdate u && u.stage() == RestaurantEvent.Stage.SERVED) served++;
    }
    TestProbe<Restaurant.OrderOutcome> asker = kit.createTestProbe();
    r.tell(new Restaurant.PlaceOrder(asker.ref()));
    assertEquals(11, assertInstanceOf(Restaurant.Served.class, asker.receiveMessage()).orderId());

    TestProbe<Summary> summary = kit.createTestProbe();
    r.tell(new Restaurant.CloseForSummary(summary.ref()));
    Summary sum = summary.receiveMessage();
    assertEquals(11, sum.ordersPlanned());
    assertEquals(11, sum.ordersReceived());
    assertEquals(11, sum.ordersServed());
  }

  @Test
  void whileClosingAskedOrdersAreRefusedAndASecondSummaryRequestStopsNothing(ActorTestKit kit) {
    // At time-scale 1, an order takes about half a second: the restaurant is still closing when the asks come.
    RestaurantSettings s = RestaurantSettings.defaults().withOrders(0);
    ActorRef<Restaurant.Command> r = kit.spawn(Restaurant.serving(s, Faults.NONE, null));
    TestProbe<Restaurant.OrderOutcome> first = kit.createTestProbe();
    r.tell(new Restaurant.PlaceOrder(first.ref()));
    TestProbe<Summary> summaries = kit.createTestProbe();
    r.tell(new Restaurant.CloseForSummary(summaries.ref()));

    TestProbe<Restaurant.OrderOutcome> late = kit.createTestProbe();
    r.tell(new Restaurant.PlaceOrder(late.ref()));
    assertEquals(new Restaurant.Refused("the restaurant is closing"), late.receiveMessage());
    TestProbe<Restaurant.OrdersOutcome> lateBatch = kit.createTestProbe();
    r.tell(new Restaurant.PlaceOrders(2, lateBatch.ref()));
    assertEquals(Collections.nCopies(2, new Restaurant.Refused("the restaurant is closing")),
        lateBatch.receiveMessage().outcomes());
    r.tell(new Restaurant.CloseForSummary(summaries.ref())); // not a hard stop, unlike a second Close

    assertInstanceOf(Restaurant.Served.class, first.receiveMessage(), "the order in flight is still served");
    Summary a = summaries.receiveMessage();
    assertEquals(a, summaries.receiveMessage());
    assertEquals(1, a.ordersServed());
    assertEquals("closed on request", a.closedBy());
  }
}
