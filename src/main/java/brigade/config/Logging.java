package brigade.config;

import brigade.UserError;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Which logback file a run logs with, chosen the way {@link BrigadeConfig} chooses the settings file: the file
 * named with {@code --log-config} (or {@code -Dlogback.configurationFile} after the command), else one named with
 * {@code java -Dlogback.configurationFile=...} (logback reads that itself), else {@code conf/logback.xml} in the
 * working directory, else the {@code logback.xml} bundled in the jar.
 */
public final class Logging {
  /** The logging file a run picks up from its working directory, when present. */
  public static final Path DEFAULT_FILE = Path.of("conf", "logback.xml");
  /** Logback's own system property naming its configuration file. */
  public static final String LOGBACK_PROPERTY = "logback.configurationFile";
  /** What {@link #source()} says when logback runs on the bundled {@code logback.xml}. */
  public static final String BUNDLED = "bundled";

  private Logging() {}

  /**
   * Points logback at the file this run should log with (see the class comment).
   *
   * @param explicitFile the {@code --log-config} file, or null to take {@code conf/logback.xml} in the working
   *     directory when logback is still on the bundled file
   * @throws UserError when the explicit file is missing, unreadable or not a valid logback configuration (logging
   *     is left as it was)
   */
  public static void select(Path explicitFile) {
    LoggerContext context = logback();
    if (context == null) return; // another SLF4J backend: it configures itself
    if (explicitFile != null) {
      configure(context, explicitFile);
    } else if (Files.isRegularFile(DEFAULT_FILE) && onBundledFile(context)) {
      // Only replaces the jar's own file: logback-test.xml (tests) and java -Dlogback.configurationFile stay.
      if (sameAsBundled(DEFAULT_FILE)) {
        // The file as shipped, unedited: logback already runs on these very lines, and reading them again (checked
        // on a scratch context, then for real) would only add two XML parses to every run's start-up.
        unchangedDefaultFile = DEFAULT_FILE.toAbsolutePath().normalize();
      } else {
        configure(context, DEFAULT_FILE);
      }
    }
  }

  /** conf/logback.xml when it holds exactly the bundled file's bytes, so logback was left on the bundled copy. */
  private static volatile Path unchangedDefaultFile;

  private static boolean sameAsBundled(Path file) {
    URL bundled = bundledUrl();
    if (bundled == null) return false;
    try (java.io.InputStream in = bundled.openStream()) {
      return java.util.Arrays.equals(in.readAllBytes(), Files.readAllBytes(file));
    } catch (java.io.IOException e) {
      return false; // then configure() reads it and says what is wrong
    }
  }

  /**
   * Where the running logback configuration came from.
   *
   * @return the absolute path of its file, {@link #BUNDLED} for the jar's {@code logback.xml}, or a description
   *     when logback runs on its built-in defaults or is not the SLF4J backend
   */
  public static String source() {
    LoggerContext context = logback();
    if (context == null) return "not logback (" + LoggerFactory.getILoggerFactory().getClass().getName() + ")";
    URL url = ConfigurationWatchListUtil.getMainWatchURL(context);
    if (url == null) return "logback defaults";
    if (url.equals(bundledUrl())) return unchangedDefaultFile != null ? unchangedDefaultFile.toString() : BUNDLED;
    if ("file".equals(url.getProtocol())) {
      try {
        return Path.of(url.toURI()).toString();
      } catch (URISyntaxException | IllegalArgumentException e) {
        return url.toString();
      }
    }
    return url.toString();
  }

  private static boolean onBundledFile(LoggerContext context) {
    URL url = ConfigurationWatchListUtil.getMainWatchURL(context);
    return url != null && url.equals(bundledUrl());
  }

  private static URL bundledUrl() {
    return Logging.class.getClassLoader().getResource("logback.xml");
  }

  private static LoggerContext logback() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    return factory instanceof LoggerContext c ? c : null;
  }

  private static void configure(LoggerContext context, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserError("logging config file '" + file + "' does not exist or is not a regular file");
    }
    if (!Files.isReadable(file)) throw new UserError("logging config file '" + file + "' is not readable");
    // Tried on a scratch context first, so a broken file is one line and the run's logging is untouched.
    LoggerContext scratch = new LoggerContext();
    String error = run(scratch, file);
    scratch.stop();
    if (error != null) {
      throw new UserError("logging config file '" + file + "' is not a valid logback configuration: " + error);
    }
    context.reset();
    run(context, file);
  }

  /** Configures {@code context} from {@code file}; returns the first error, or null. */
  private static String run(LoggerContext context, Path file) {
    long start = System.currentTimeMillis();
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(context);
    String thrown = null;
    try {
      joran.doConfigure(file.toFile());
    } catch (JoranException e) {
      thrown = BrigadeConfig.oneLine(Objects.toString(e.getMessage(), e.toString()));
    }
    if (thrown == null && new StatusUtil(context).getHighestLevel(start) < Status.ERROR) return null;
    // The first error logback recorded says what is wrong ("XML document structures must start and end ...");
    // the exception only says "see previously reported errors".
    for (Status s : context.getStatusManager().getCopyOfStatusList()) {
      if (s.getLevel() >= Status.ERROR && s.getTimestamp() >= start) {
        Throwable cause = s.getThrowable();
        String why = cause != null && cause.getMessage() != null ? " (" + cause.getMessage() + ")" : "";
        return BrigadeConfig.oneLine(s.getMessage() + why);
      }
    }
    return thrown;
  }
}
