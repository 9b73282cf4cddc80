package brigade.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Another node's clock offset from send/reply times: within its bounds, narrowing with each reply. */
class NodeClockTest {

  @Test
  void boundsNarrowAsRepliesCome() {
    NodeClock c = new NodeClock();
    long offset = 5_000; // the remote clock is 5 ms ahead
    // sent at 0, computed 100..300 (local), replied at 400
    c.observe(0, 100 + offset, 300 + offset, 400);
    assertTrue(Math.abs(c.offsetMicros() - offset) <= c.uncertaintyMicros());
    long first = c.uncertaintyMicros();
    // a tight exchange: sent at 1000, computed 1001..1999, replied at 2000
    c.observe(1000, 1001 + offset, 1999 + offset, 2000);
    assertTrue(c.uncertaintyMicros() < first);
    assertTrue(Math.abs(c.offsetMicros() - offset) <= 1);
    assertEquals(2, c.samples());
    assertFalse(c.inconsistent());
  }

  @Property(tries = 200)
  void theTrueOffsetAlwaysLiesWithinTheEstimate(@ForAll @LongRange(min = -1_000_000_000, max = 1_000_000_000) long offset,
      @ForAll @LongRange(min = 0, max = 10_000) long queue, @ForAll @LongRange(min = 1, max = 100_000) long busy,
      @ForAll @LongRange(min = 0, max = 10_000) long back) {
    NodeClock c = new NodeClock();
    long sent = 1_000_000;
    long start = sent + queue;
    c.observe(sent, start + offset, start + busy + offset, start + busy + back);
    c.observe(sent * 2, sent * 2 + queue + offset, sent * 2 + queue + busy + offset, sent * 2 + queue + busy + back);
    assertTrue(Math.abs(c.offsetMicros() - offset) <= c.uncertaintyMicros() + 1,
        c.offsetMicros() + " +- " + c.uncertaintyMicros() + " vs " + offset);
  }
}
