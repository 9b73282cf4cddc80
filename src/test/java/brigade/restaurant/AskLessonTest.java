package brigade.restaurant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The demonstration's ask step: one order, a batch of three, the summary, each an ask that is answered. */
class AskLessonTest {
  @Test
  void threeAsksThreeLinesFourOrdersServed() throws Exception {
    StringWriter text = new StringWriter();
    Summary summary = AskLesson.run(new PrintWriter(text));
    String[] lines = text.toString().split("\\R");
    assertEquals(3, lines.length, text.toString());
    assertTrue(lines[0].startsWith("ask(PlaceOrder)     -> Served[orderId=1, latency="), lines[0]);
    assertTrue(lines[1].startsWith("ask(PlaceOrders(3)) -> 3 served: orders 2, 3, 4 "), lines[1]);
    assertTrue(lines[2].startsWith("ask(CloseForSummary) -> 4 received, 4 served, 0 cancelled "), lines[2]);
    assertEquals(4, summary.ordersServed());
  }
}
