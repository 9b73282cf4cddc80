package brigade.cli;

import brigade.config.BrigadeConfig;
import brigade.config.Logging;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command accepts: {@code --config FILE}, {@code --log-config FILE} and {@code -D key=value}.
 * Mixed into each command, so they may stand anywhere on its command line; given on a parent command they apply
 * too.
 */
public final class ConfigOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  /** Typesafe Config's own name for the settings file: honoured as {@code --config}. */
  static final String CONFIG_FILE_PROPERTY = "config.file";

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Settings file (HOCON) to use instead of conf/application.conf in the working directory.")
  Path configFile;

  @Option(
      names = "--log-config",
      paramLabel = "FILE",
      description = "Logging file (logback XML) to use instead of conf/logback.xml in the working directory.")
  Path logConfigFile;

  @Option(
      names = "-D",
      paramLabel = "KEY=VALUE",
      description = "Override one setting, e.g. -Dbrigade.primes.pool-size=4 (repeatable).")
  Map<String, String> properties = new LinkedHashMap<>();

  /**
   * Loads the configuration for this command: its flags over its own and its parents' options; and sets up
   * logging from the matching logging file ({@link Logging#select}).
   *
   * @return the resolved config ({@link BrigadeConfig#sources} names the files it came from)
   * @throws brigade.UserError for a bad config or logging file or an unknown {@code brigade.*} key
   */
  public Config load(Map<String, BrigadeConfig.Flag> flags) {
    Path file = null;
    Path logFile = null;
    Map<String, String> props = new LinkedHashMap<>();
    // Walk from the root down, so a subcommand's own options win over its parent's.
    java.util.Deque<ConfigOptions> chain = new java.util.ArrayDeque<>();
    for (CommandSpec s = mixee; s != null; s = s.parent()) {
      Object mixin = s.mixins().containsKey("config") ? s.mixins().get("config").userObject() : null;
      if (mixin instanceof ConfigOptions c) chain.push(c);
    }
    for (ConfigOptions c : chain) {
      if (c.configFile != null) file = c.configFile;
      if (c.logConfigFile != null) logFile = c.logConfigFile;
      props.putAll(c.properties);
    }
    // -Dconfig.file=F and -Dlogback.configurationFile=F (Typesafe Config's and logback's own names), after the
    // command or before -jar, mean --config F and --log-config F.
    String configProperty = props.containsKey(CONFIG_FILE_PROPERTY) ? props.remove(CONFIG_FILE_PROPERTY)
        : System.getProperty(CONFIG_FILE_PROPERTY);
    if (file == null && configProperty != null) file = Path.of(configProperty);
    String logProperty = props.remove(Logging.LOGBACK_PROPERTY);
    if (logFile == null && logProperty != null) logFile = Path.of(logProperty);
    Config config = BrigadeConfig.load(file, props, flags); // settings first: a bad key never resets logging
    EarlyStart.awaitLogging(); // SLF4J must not be asked while another thread starts it
    Logging.select(logFile);
    return config;
  }
}
