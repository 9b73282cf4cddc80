package brigade.cli;

import brigade.config.BrigadeConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects the settings a command's flags override: only flags the user actually gave (non-null) are put,
 * each remembered with its flag name so a validation error can say "(from flag --workers)".
 */
public final class Flags {
  private final Map<String, BrigadeConfig.Flag> flags = new LinkedHashMap<>();

  public Flags put(String configKey, String flagName, Object value) {
    if (value != null) {
      Object v = value instanceof java.time.Duration d ? d.toMillis() + "ms" : value;
      flags.put(configKey, new BrigadeConfig.Flag(flagName, v));
    }
    return this;
  }

  public Map<String, BrigadeConfig.Flag> asMap() {
    return flags;
  }
}
