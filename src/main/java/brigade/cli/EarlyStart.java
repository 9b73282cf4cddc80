package brigade.cli;

import com.typesafe.config.ConfigFactory;
import org.slf4j.LoggerFactory;

/**
 * Start-up work every run needs, begun on a second thread the moment the process starts, while the main thread
 * builds and parses the command line (picocli's classes cannot come from the class-data archive: they are Java 5
 * bytecode): parsing Akka's {@code reference.conf} files, which Typesafe Config caches for {@code BrigadeConfig}
 * and the actor system, and logback reading its bundled file. Each is thread-safe and done once; if the main
 * thread gets there first it waits for, or does, the same work, so nothing changes but when it happens. A failure
 * here is left for the main thread to meet and report in its own words.
 */
final class EarlyStart {
  private EarlyStart() {}

  /** Starts the work on a daemon thread (it never keeps the process alive). */
  static void begin() {
    Thread thread = new Thread(EarlyStart::run, "brigade-early-start");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run() {
    try {
      ConfigFactory.defaultReference();
      LoggerFactory.getILoggerFactory();
    } catch (RuntimeException | LinkageError e) {
      // The main thread does the same work and reports what goes wrong.
    }
  }
}
