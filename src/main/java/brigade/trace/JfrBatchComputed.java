package brigade.trace;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JDK Flight Recorder: one batch (or divisor range) computed by a prime worker; the event spans the computation on
 * the worker's thread. Costs nothing when no recording runs: the worker checks {@link #isEnabled()} first.
 */
@Name("brigade.BatchComputed")
@Label("Batch computed")
@Category({"Brigade", "Primes"})
@Description("A prime worker computed one batch of numbers (or one divisor range of a split number)")
@StackTrace(false)
public final class JfrBatchComputed extends jdk.jfr.Event {
  @Label("Worker") public String worker;
  @Label("Batch") public long batchId;
  @Label("Part") public int part;
  @Label("Numbers") public int numbers;
  @Label("Failed") public boolean failed;
}
