package brigade.trace;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JDK Flight Recorder: a moment in a restaurant staff actor's life (ready, restarted, Stop received, retired). Costs
 * nothing when no recording runs: {@link #emit} checks {@link #shouldCommit()} before filling it.
 */
@Name("brigade.StaffLifecycle")
@Label("Staff lifecycle")
@Category({"Brigade", "Restaurant"})
@Description("A restaurant staff actor started, was restarted, was told to stop, or retired")
@StackTrace(false)
public final class JfrStaffLifecycle extends jdk.jfr.Event {
  @Label("Staff") public String staff;
  @Label("What") public String what;
  @Label("Detail") public String detail;

  /** Commits one event, if a recording wants it. */
  public static void emit(String staff, String what, String detail) {
    JfrStaffLifecycle e = new JfrStaffLifecycle();
    if (!e.shouldCommit()) return;
    e.staff = staff;
    e.what = what;
    e.detail = detail;
    e.commit();
  }
}
