package brigade.cli;

import brigade.config.BrigadeConfig;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command accepts: {@code --config FILE} and {@code -D key=value}. Mixed into each
 * command, so they may stand anywhere on its command line; given on a parent command they apply too.
 */
public final class ConfigOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Settings file (HOCON) to use instead of conf/application.conf.")
  Path configFile;

  @Option(
      names = "-D",
      paramLabel = "KEY=VALUE",
      description = "Override one setting, e.g. -Dbrigade.primes.pool-size=4 (repeatable).")
  Map<String, String> properties = new LinkedHashMap<>();

  /** Loads the configuration for this command: its flags over its own and its parents' options. */
  public Config load(Map<String, BrigadeConfig.Flag> flags) {
    Path file = null;
    Map<String, String> props = new LinkedHashMap<>();
    // Walk from the root down, so a subcommand's own options win over its parent's.
    java.util.Deque<ConfigOptions> chain = new java.util.ArrayDeque<>();
    for (CommandSpec s = mixee; s != null; s = s.parent()) {
      Object mixin = s.mixins().containsKey("config") ? s.mixins().get("config").userObject() : null;
      if (mixin instanceof ConfigOptions c) chain.push(c);
    }
    for (ConfigOptions c : chain) {
      if (c.configFile != null) file = c.configFile;
      props.putAll(c.properties);
    }
    return BrigadeConfig.load(file, props, flags);
  }
}
