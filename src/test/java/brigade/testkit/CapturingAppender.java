package brigade.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Holds log events in memory instead of printing them; {@link ActorTestKitExtension} prints them (through the
 * logger {@value #REPLAY_LOGGER}, which {@value #CONFIG} sends to the console) only when a test fails.
 * That file makes it the root appender: Brigade's own logback-test.xml includes it, and {@link
 * #installIfUnconfigured} loads it in a project that has no logging file of its own.
 */
public final class CapturingAppender extends AppenderBase<ILoggingEvent> {
  public static final String REPLAY_LOGGER = "brigade.testkit.CapturedLogs";
  /** The testkit's logging configuration, a classpath resource (an {@code <included>} file). */
  public static final String CONFIG = "brigade/testkit/logback-capture.xml";
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

  /**
   * Loads {@value #CONFIG} when logback runs on its built-in defaults (no logback-test.xml or logback.xml on the
   * classpath, no {@code -Dlogback.configurationFile}): a project depending on the testkit gets captured logs
   * without a logging file of its own. A project that has one keeps it (add this appender to it to capture).
   *
   * @return true if this call configured logback, false if logging was configured already or is not logback
   */
  public static synchronized boolean installIfUnconfigured() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) return false;
    if (ConfigurationWatchListUtil.getMainWatchURL(context) != null) return false;
    if (context.getObject(CONFIG) != null) return false; // installed already
    String xml = "<configuration><include resource=\"" + CONFIG + "\"/></configuration>";
    context.reset();
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(context);
    try {
      joran.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (JoranException e) {
      throw new IllegalStateException("cannot load the testkit's logging configuration " + CONFIG, e);
    }
    context.putObject(CONFIG, Boolean.TRUE);
    return true;
  }
}
