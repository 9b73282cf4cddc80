package brigade.trace;

import jdk.jfr.FlightRecorder;

/**
 * Whether Brigade's JDK Flight Recorder events ({@link JfrBatchComputed}, {@link JfrOrderStep},
 * {@link JfrStaffLifecycle}) can be recorded at all. The first use of an event class initialises JFR's machinery
 * (some 100 classes, ~140 ms of a run's start-up, measured) even when nothing records; until a recorder has started
 * in this JVM ({@code -XX:StartFlightRecording}, {@code jcmd PID JFR.start}, or {@code new Recording()}), no event
 * could be recorded anyway, so the event classes are left untouched.
 */
public final class Jfr {
  private Jfr() {}

  /** @return true once a flight recorder has started in this JVM (a volatile read) */
  public static boolean started() {
    return FlightRecorder.isInitialized();
  }

  /**
   * Records a {@link JfrStaffLifecycle} event if a recording wants it; touches the event class only once a recorder
   * has started (loading the class is what wakes JFR up).
   */
  public static void staffLifecycle(String staff, String what, String detail) {
    if (started()) JfrStaffLifecycle.emit(staff, what, detail);
  }
}
