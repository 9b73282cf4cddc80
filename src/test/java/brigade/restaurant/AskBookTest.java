package brigade.restaurant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.restaurant.Restaurant.Cancelled;
import brigade.restaurant.Restaurant.OrderOutcome;
import brigade.restaurant.Restaurant.Served;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AskBookTest {
  private static Served served(long id) {
    return new Served(id, Duration.ofMillis(id));
  }

  @Test
  void aSingleAskerHearsItsOrderOnceAndNoOneElses() {
    AskBook book = new AskBook();
    List<OrderOutcome> heard = new ArrayList<>();
    book.awaitOne(2, heard::add);
    book.settle(served(1));
    assertTrue(heard.isEmpty());
    book.settle(served(2));
    book.settle(served(2)); // settled twice: heard once
    assertEquals(List.of(served(2)), heard);
    assertEquals(0, book.waiting());
  }

  @Test
  void aBatchIsAnsweredOnceWhenItsLastOrderSettlesInTheOrderPlaced() {
    AskBook book = new AskBook();
    List<List<OrderOutcome>> heard = new ArrayList<>();
    book.awaitAll(new long[] {5, 6, 7}, heard::add);
    book.settle(served(7));
    book.settle(new Cancelled(5, "close timeout"));
    assertTrue(heard.isEmpty(), "order 6 is still out");
    assertEquals(1, book.waiting());
    book.settle(served(6));
    assertEquals(List.of(List.of(new Cancelled(5, "close timeout"), served(6), served(7))), heard);
  }

  @Test
  void whatIsLeftAtCloseIsSettledSoNoAskerWaitsForever() {
    AskBook book = new AskBook();
    List<OrderOutcome> heard = new ArrayList<>();
    book.awaitOne(9, heard::add);
    book.settleRest(id -> new Cancelled(id, "restaurant closed"));
    assertEquals(List.of(new Cancelled(9, "restaurant closed")), heard);
  }
}
