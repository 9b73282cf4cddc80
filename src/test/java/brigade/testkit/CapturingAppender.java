package brigade.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Holds log events in memory instead of printing them; {@link ActorTestKitExtension} prints them (through the
 * logger {@value #REPLAY_LOGGER}, which logback-test.xml sends to the console) only when a test fails.
 * Configured as the root appender in src/test/resources/logback-test.xml.
 */
public final class CapturingAppender extends AppenderBase<ILoggingEvent> {
  public static final String REPLAY_LOGGER = "brigade.testkit.CapturedLogs";
  private static final int MAX_EVENTS = 20_000;
  private static final List<ILoggingEvent> EVENTS = new ArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    synchronized (EVENTS) {
      if (EVENTS.size() == MAX_EVENTS) EVENTS.remove(0);
      EVENTS.add(event);
    }
  }

  /** Forget what was captured (a test passed). */
  public static void clear() {
    synchronized (EVENTS) {
      EVENTS.clear();
    }
  }

  /** Print everything captured since the last clear, under a heading, then forget it. */
  public static void flush(String heading) {
    List<ILoggingEvent> events;
    synchronized (EVENTS) {
      events = new ArrayList<>(EVENTS);
      EVENTS.clear();
    }
    Logger replay = (Logger) LoggerFactory.getLogger(REPLAY_LOGGER);
    System.out.println("---- " + heading + ": " + events.size() + " lines ----");
    for (ILoggingEvent e : events) replay.callAppenders(e);
    System.out.println("---- end of log ----");
    System.out.flush();
  }

  /** Snapshot of what is captured now, for tests that assert on log lines. */
  public static List<ILoggingEvent> events() {
    synchronized (EVENTS) {
      return List.copyOf(EVENTS);
    }
  }
}
