package brigade.cli;

import brigade.config.ReferenceConfig;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * Start-up work every run needs, begun on a second thread the moment the process starts, while the main thread
 * builds and parses the command line (picocli's classes cannot come from the class-data archive: they are Java 5
 * bytecode): parsing Akka's {@code reference.conf} files, which {@code ReferenceConfig} keeps for {@code BrigadeConfig}
 * (it lays them under every run's settings), and logback reading its bundled file. Config parsing is thread-safe
 * and done once: if the main thread gets there first, it waits for the same work. SLF4J is not so patient (a second
 * thread asking while the first initialises gets a stand-in factory), so the main thread calls {@link #awaitLogging}
 * before it touches logging. A failure here is left for the main thread to meet and report in its own words.
 */
final class EarlyStart {
  private static volatile CompletableFuture<Void> logging;

  private EarlyStart() {}

  /** Starts the work on a daemon thread (it never keeps the process alive). */
  static void begin() {
    CompletableFuture<Void> started = new CompletableFuture<>();
    logging = started;
    Thread thread = new Thread(() -> run(started), "brigade-early-start");
    thread.setDaemon(true);
    thread.start();
  }

  /** Waits until logback has started, if {@link #begin} started it; returns at once otherwise. */
  static void awaitLogging() {
    CompletableFuture<Void> started = logging;
    if (started != null) started.join();
  }

  private static void run(CompletableFuture<Void> started) {
    // The config first: the main thread needs it first, right after parsing the command line.
    try {
      ReferenceConfig.get();
    } catch (RuntimeException | LinkageError e) {
      // BrigadeConfig parses it again and reports what goes wrong.
    }
    try {
      LoggerFactory.getILoggerFactory();
    } catch (RuntimeException | LinkageError e) {
      // The main thread starts logging again and reports what goes wrong.
    } finally {
      started.complete(null);
    }
  }
}
