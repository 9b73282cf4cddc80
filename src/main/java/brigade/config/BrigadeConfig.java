package brigade.config;

import brigade.UserError;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * A {@code brigade.*} key the bundled file does not define is an error, wherever it was given; the logging file is
 * chosen the same way ({@link Logging}); and the loaded config carries which files it was built from
 * ({@link #sources}).
 */
public final class BrigadeConfig {
  /** The file a run picks up from its working directory, when present. */
  public static final Path DEFAULT_FILE = Path.of("conf", "application.conf");
  /** Where the build puts conf/application.conf inside the jar. */
  static final String BUNDLED_RESOURCE = "brigade/application.conf";
  /** Where a loaded config carries its {@link Sources}: outside {@code brigade}, and set above every layer. */
  static final String SOURCES_PATH = "brigade-sources";

  private BrigadeConfig() {}

  /**
   * The defaults alone: bundled conf/application.conf over reference.conf (and system properties). What tests start
   * from; not checked for unknown keys, since tests lay keys of their own over it.
   */
  public static Config defaults() {
    return load(null, Map.of(), Map.of(), false);
  }

  /**
   * @param explicitFile the {@code --config} file, or null to use {@code conf/application.conf} if present
   * @param properties {@code -D} pairs given on the command line
   * @param flags settings set by flags: config path to (flag name, value)
   * @return the resolved config; {@link #sources} names the file it read
   * @throws UserError for a missing or malformed file, an unknown {@code brigade.*} key, or a bad substitution
   */
  public static Config load(Path explicitFile, Map<String, String> properties, Map<String, Flag> flags) {
    return load(explicitFile, properties, flags, true);
  }

  private static Config load(
      Path explicitFile, Map<String, String> properties, Map<String, Flag> flags, boolean forARun) {
    List<Config> given = new ArrayList<>(); // the layers a user wrote, highest first: checked for unknown keys
    for (Map.Entry<String, Flag> e : flags.entrySet()) {
      Map<String, Object> one = Map.of(e.getKey(), e.getValue().value());
      given.add(ConfigFactory.parseMap(one, "flag " + e.getValue().name()));
    }
    if (!properties.isEmpty()) {
      given.add(ConfigFactory.parseMap(new LinkedHashMap<>(properties), "-D on the command line"));
    }
    given.add(ConfigFactory.systemProperties());
    Path file = explicitFile != null ? explicitFile
        : forARun && Files.isRegularFile(DEFAULT_FILE) ? DEFAULT_FILE : null;
    if (file != null) given.add(parseFile(file));
    Config bundled = bundledDefaults();
    try {
      // Akka's reference settings resolve with the system properties laid over them (-Dakka.x=... can break them).
      Config reference = ReferenceConfig.get();
      if (forARun) KnownKeys.of(bundled).check(given);

      String settings = file == null ? Sources.BUNDLED : file.toAbsolutePath().normalize().toString();
      Config config = ConfigFactory.parseMap(Map.of(SOURCES_PATH + ".settings", settings), "Brigade");
      for (Config layer : given) config = config.withFallback(layer);
      return config.withFallback(bundled).withFallback(reference).resolve(ConfigResolveOptions.defaults());
    } catch (ConfigException e) {
      throw new UserError("configuration: " + oneLine(e.getMessage()));
    }
  }

  /**
   * Which files and JVM options a run was built from, for reports (the table and JSON of every command). As a
   * component of a report record, {@link brigade.report.Json} writes it as
   * {@code {"settings": ..., "logging": ..., "jvmOptions": [...]}}.
   *
   * @param settings the settings file's absolute path ({@code --config} or {@code conf/application.conf}, laid
   *     over the bundled defaults), or {@link #BUNDLED} when only the bundled defaults were read
   * @param logging the logging file's absolute path, or {@link #BUNDLED} for the jar's {@code logback.xml}
   * @param jvmOptions the JVM's options that move timings (see {@link #timingOptions}): the launcher's JIT
   *     thresholds, a heap limit, an agent; two reports compare only with the same. Empty for a plain
   *     {@code java -jar} with no {@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS} or {@code _JAVA_OPTIONS}
   */
  public record Sources(String settings, String logging, List<String> jvmOptions) {
    /** The bundled defaults (settings) or the jar's {@code logback.xml} (logging). */
    public static final String BUNDLED = "bundled";

    public Sources {
      jvmOptions = List.copyOf(jvmOptions);
    }

    /** Files only, no JVM options. */
    public Sources(String settings, String logging) {
      this(settings, logging, List.of());
    }

    /**
     * One line for a text report, e.g. {@code config: /home/me/conf/application.conf (over the bundled defaults);
     * logging: bundled logback.xml}, then {@code ; JVM options: ...} when there are any.
     */
    public String toText() {
      return "config: " + (settings.equals(BUNDLED) ? "bundled defaults" : settings + " (over the bundled defaults)")
          + "; logging: " + (logging.equals(BUNDLED) ? "bundled logback.xml" : logging)
          + (jvmOptions.isEmpty() ? "" : "; JVM options: " + String.join(" ", jvmOptions));
    }
  }

  /** -XX options that change start-up only (the class-data archive's): left out of a report. */
  private static final java.util.Set<String> START_UP_ONLY = java.util.Set.of("SharedArchiveFile",
      "ArchiveClassesAtExit", "AutoCreateSharedArchive", "DumpLoadedClassList", "SharedClassListFile");
  /** -XX options whose value is a path or a command (which may be private): a report gives their name only. */
  private static final java.util.Set<String> NAME_ONLY = java.util.Set.of("OnOutOfMemoryError", "OnError",
      "HeapDumpPath", "ErrorFile", "StartFlightRecording", "FlightRecorderOptions", "VMOptionsFile", "Flags",
      "LogFile", "CRaCCheckpointTo", "CRaCRestoreFrom");

  /**
   * The options of {@code given} (a JVM's input arguments) that move timings, for {@link Sources#jvmOptions}.
   *
   * @param given the JVM's arguments, as {@code RuntimeMXBean.getInputArguments()} lists them
   * @return in order: the {@code -XX:} options (those of the class-data archive left out; those holding a path or a
   *     command as {@code -XX:Name=…}), {@code -Xmx}, {@code -Xms}, {@code -Xmn}, {@code -Xss}, {@code -Xint},
   *     {@code -Xcomp}, {@code -Xbatch}, and agents by their file or library name alone
   */
  static List<String> timingOptions(List<String> given) {
    List<String> kept = new ArrayList<>();
    for (String a : given) {
      if (a.startsWith("-XX:")) {
        String body = a.substring(4);
        String name = body.replaceFirst("^[+-]", "").replaceFirst("=.*$", "");
        if (START_UP_ONLY.contains(name)) continue;
        kept.add(NAME_ONLY.contains(name) && body.contains("=") ? "-XX:" + name + "=…" : a);
      } else if (a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-Xmn") || a.startsWith("-Xss")
          || a.equals("-Xint") || a.equals("-Xcomp") || a.equals("-Xbatch")) {
        kept.add(a);
      } else if (a.startsWith("-javaagent:") || a.startsWith("-agentpath:")) {
        String path = a.substring(a.indexOf(':') + 1).replaceFirst("=.*$", "");
        kept.add(a.substring(0, a.indexOf(':') + 1) + Path.of(path).getFileName());
      } else if (a.startsWith("-agentlib:")) {
        kept.add(a.replaceFirst("=.*$", ""));
      }
    }
    return List.copyOf(kept);
  }

  /**
   * The files {@code config} was built from.
   *
   * @param config a config returned by {@link #load} (or any other: then the settings are "bundled")
   * @return its settings file, the logging file logback is running on now, and this JVM's options that move timings
   */
  public static Sources sources(Config config) {
    String key = SOURCES_PATH + ".settings";
    String settings = config.hasPath(key) ? config.getString(key) : Sources.BUNDLED;
    return new Sources(settings, Logging.source(), timingOptions(jvmArguments()));
  }

  /** Options that take their value as the next argument on a java command line. */
  private static final java.util.Set<String> SEPARATE_VALUE = java.util.Set.of("-cp", "-classpath", "--class-path",
      "-p", "--module-path", "--upgrade-module-path", "--add-modules", "--limit-modules", "--add-reads", "--add-exports",
      "--add-opens", "--patch-module", "--enable-native-access");

  /**
   * This JVM's options. On Linux, read from {@code /proc/self/cmdline} (under a millisecond) rather than from
   * {@code RuntimeMXBean} (25–40 ms of a cold start, paid by every report); through the management API where there is
   * no such file, where {@code JDK_JAVA_OPTIONS}, {@code JAVA_TOOL_OPTIONS} or {@code _JAVA_OPTIONS} add options the
   * command line lacks, or where it names a file of options ({@code @argfile}, {@code -XX:VMOptionsFile=},
   * {@code -XX:Flags=}).
   */
  static List<String> jvmArguments() {
    Path cmdline = Path.of("/proc/self/cmdline");
    if (System.getenv("JDK_JAVA_OPTIONS") == null && System.getenv("JAVA_TOOL_OPTIONS") == null
        && System.getenv("_JAVA_OPTIONS") == null && Files.isReadable(cmdline)) {
      try {
        String[] argv = new String(Files.readAllBytes(cmdline), java.nio.charset.StandardCharsets.UTF_8).split("\0");
        List<String> options = optionsBeforeMain(List.of(argv).subList(Math.min(1, argv.length), argv.length));
        boolean optionFiles = options.stream()
            .anyMatch(a -> a.startsWith("@") || a.startsWith("-XX:VMOptionsFile=") || a.startsWith("-XX:Flags="));
        if (!optionFiles) return options;
      } catch (java.io.IOException | RuntimeException e) {
        // fall through to the management API
      }
    }
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
  }

  /**
   * The JVM options of a java command line's arguments (its program name left out): those before {@code -jar}, the
   * main class or {@code -m}, values of {@code -cp} and its kind skipped; an {@code @argfile} (a file of options, which
   * the launcher expands) is kept as given.
   */
  static List<String> optionsBeforeMain(List<String> args) {
    List<String> options = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      boolean option = a.startsWith("-") || a.startsWith("@");
      if (!option || a.equals("-jar") || a.equals("-m") || a.equals("--module")) break;
      if (SEPARATE_VALUE.contains(a)) {
        i++;
        continue;
      }
      options.add(a);
    }
    return options;
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
