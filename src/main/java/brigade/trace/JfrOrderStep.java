package brigade.trace;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JDK Flight Recorder: one order step (cook, deliver, retrieve) done by a restaurant staff actor. The step's
 * span is on the run's simulated timeline (a timer, not CPU), so it travels in fields; the event itself is
 * committed when the actor finishes the step. Costs nothing when no recording runs: callers check
 * {@link #shouldCommit()} before filling it.
 */
@Name("brigade.OrderStep")
@Label("Order step")
@Category({"Brigade", "Restaurant"})
@Description("A restaurant staff actor finished (or dropped) one step of an order")
@StackTrace(false)
public final class JfrOrderStep extends jdk.jfr.Event {
  @Label("Staff") public String staff;
  @Label("Step") public String step;
  @Label("Order") public long orderId;
  @Label("Dropped (simulated fault)") public boolean dropped;
  @Label("Step time") @Timespan(Timespan.NANOSECONDS) public long stepNanos;
}
