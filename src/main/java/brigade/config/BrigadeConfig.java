package brigade.config;

import brigade.UserError;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads Brigade's configuration, highest priority first:
 * <ol>
 *   <li>subcommand flags (each records which flag set it, so errors can say so),</li>
 *   <li>{@code -Dkey=value} given after a subcommand, then JVM system properties,</li>
 *   <li>the file given with {@code --config}, else {@code conf/application.conf} in the working directory,</li>
 *   <li>the copy of {@code conf/application.conf} bundled in the jar (so every key always has a default),</li>
 *   <li>Akka's {@code reference.conf} files.</li>
 * </ol>
 */
public final class BrigadeConfig {
  /** The file a run picks up from its working directory, when present. */
  public static final Path DEFAULT_FILE = Path.of("conf", "application.conf");
  /** Where the build puts conf/application.conf inside the jar. */
  static final String BUNDLED_RESOURCE = "brigade/application.conf";

  private BrigadeConfig() {}

  /** The defaults alone: bundled conf/application.conf over reference.conf. What tests start from. */
  public static Config defaults() {
    return load(null, Map.of(), Map.of(), false);
  }

  /**
   * @param explicitFile the {@code --config} file, or null to use {@code conf/application.conf} if present
   * @param properties {@code -D} pairs given on the command line
   * @param flags settings set by flags: config path to (flag name, value)
   */
  public static Config load(Path explicitFile, Map<String, String> properties, Map<String, Flag> flags) {
    return load(explicitFile, properties, flags, true);
  }

  private static Config load(
      Path explicitFile, Map<String, String> properties, Map<String, Flag> flags, boolean readWorkingDir) {
    Config config = ConfigFactory.empty();
    for (Map.Entry<String, Flag> e : flags.entrySet()) {
      Map<String, Object> one = Map.of(e.getKey(), e.getValue().value());
      config = config.withFallback(ConfigFactory.parseMap(one, "flag " + e.getValue().name()));
    }
    if (!properties.isEmpty()) {
      config = config.withFallback(ConfigFactory.parseMap(new LinkedHashMap<>(properties), "-D on the command line"));
    }
    config = config.withFallback(ConfigFactory.systemProperties());
    if (explicitFile != null) {
      config = config.withFallback(parseFile(explicitFile));
    } else if (readWorkingDir && Files.isRegularFile(DEFAULT_FILE)) {
      config = config.withFallback(parseFile(DEFAULT_FILE));
    }
    config = config.withFallback(bundledDefaults()).withFallback(ConfigFactory.defaultReference());
    try {
      return config.resolve(ConfigResolveOptions.defaults());
    } catch (ConfigException e) {
      throw new UserError("configuration: " + oneLine(e.getMessage()));
    }
  }

  /** A setting given by a command-line flag: the flag's name goes into error messages. */
  public record Flag(String name, Object value) {}

  static Config bundledDefaults() {
    Config bundled =
        ConfigFactory.parseResources(BrigadeConfig.class.getClassLoader(), BUNDLED_RESOURCE);
    if (bundled.isEmpty()) {
      // Running from an IDE or exec:java before resources are copied: fall back to the file itself.
      return Files.isRegularFile(DEFAULT_FILE) ? parseFile(DEFAULT_FILE) : bundled;
    }
    return bundled;
  }

  private static Config parseFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserError("config file '" + file + "' does not exist or is not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new UserError("config file '" + file + "' is not readable");
    }
    try {
      return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new UserError("config file '" + file + "' is not valid HOCON: " + oneLine(e.getMessage()));
    }
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
