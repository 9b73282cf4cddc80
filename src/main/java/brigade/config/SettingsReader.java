package brigade.config;

import brigade.UserError;
import brigade.report.DurationText;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates settings under one prefix. Every failure is a {@link UserError} whose one line names
 * the full key, the value found, where it came from (flag, -D, file:line), and what is allowed.
 */
public final class SettingsReader {
  private final Config config;
  private final String prefix;

  public SettingsReader(Config config, String prefix) {
    this.config = config;
    this.prefix = prefix;
  }

  public Config config() {
    return config;
  }

  public String key(String path) {
    return prefix.isEmpty() ? path : prefix + "." + path;
  }

  /** A whole number in [min, max]. */
  public int intBetween(String path, int min, int max) {
    long v = longBetween(path, min, max);
    return (int) v;
  }

  public int intAtLeast(String path, int min) {
    return intBetween(path, min, Integer.MAX_VALUE);
  }

  /**
   * A whole number in [min, max], from any source.
   *
   * @return the value
   * @throws UserError when the value is not written as a whole number (a fraction such as {@code 2.5}, a word, a
   *     number beyond 64 bits) or lies outside [min, max]
   */
  public long longBetween(String path, long min, long max) {
    ConfigValue raw = raw(path);
    Long v = whole(raw);
    if (v == null || v < min || v > max) throw invalid(path, raw, rangeText(min, max));
    return v;
  }

  /** A whole number in [min, max], or the word {@code auto} which yields {@code autoValue}. */
  public int intOrAuto(String path, int min, int max, int autoValue) {
    ConfigValue raw = raw(path);
    if (isWord(raw, "auto")) return autoValue;
    Long v = whole(raw);
    if (v == null || v < min || v > max) throw invalid(path, raw, rangeText(min, max) + " or \"auto\"");
    return (int) (long) v;
  }

  /**
   * The value as a whole number, or null when it is not written as one. Read from the raw value, not with
   * {@code getLong}: Typesafe Config truncates {@code 2.9} to 2 and clamps numbers beyond 64 bits, and a flag
   * or {@code -D} value arrives as a string that it would parse the same way. A string must be digits (with a
   * sign); a number in a HOCON file is taken as HOCON parsed it (it stores {@code 3.0} as the whole number 3).
   */
  private static Long whole(ConfigValue raw) {
    Object u = raw.unwrapped();
    if (u instanceof Integer || u instanceof Long) return ((Number) u).longValue();
    if (u instanceof String s && WHOLE.matcher(s.trim()).matches()) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return null; // beyond 64 bits
      }
    }
    return null; // a fraction (Double), a boolean, a word, a list, an object
  }

  private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("[+-]?[0-9]+");

  /** True when the setting holds the word {@code auto}. */
  public boolean isAuto(String path) {
    return isWord(raw(path), "auto");
  }

  public double doubleBetween(String path, double min, double max, boolean maxInclusive) {
    ConfigValue raw = raw(path);
    String allowed = "a number from " + fmt(min) + " to " + fmt(max) + (maxInclusive ? "" : " (exclusive)");
    double v;
    try {
      v = config.getDouble(key(path));
    } catch (ConfigException.WrongType e) {
      throw invalid(path, raw, allowed);
    }
    if (Double.isNaN(v) || v < min || (maxInclusive ? v > max : v >= max)) throw invalid(path, raw, allowed);
    return v;
  }

  /** A duration such as {@code 250ms} or {@code 2s}; {@code allowZero} admits {@code 0s}. */
  public Duration duration(String path, boolean allowZero) {
    String allowed = (allowZero ? "a duration >= 0" : "a duration > 0") + " such as 250ms, 2s or 1m";
    return duration(path, raw(path), allowZero, allowed);
  }

  /**
   * A duration of whole milliseconds in [min, max], such as {@code 10ms}: for an Akka setting that reads whole
   * milliseconds and would silently drop a fraction ({@code 2500us} would run as 2 ms).
   *
   * @param path the setting's path under this reader's prefix
   * @param min the smallest value allowed, inclusive, in whole milliseconds
   * @param max the largest value allowed, inclusive, in whole milliseconds
   * @param example a value to show in the error, e.g. the default
   * @return the value
   * @throws UserError when the value has no unit, is not a duration, is not whole milliseconds, or lies outside
   *     [min, max]
   */
  public Duration millisBetween(String path, Duration min, Duration max, Duration example) {
    ConfigValue raw = raw(path);
    String allowed = "a duration of whole milliseconds from " + DurationText.of(min) + " to " + DurationText.of(max)
        + " such as " + DurationText.of(example);
    Duration d = duration(path, raw, true, allowed);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0 || d.toNanos() % 1_000_000 != 0) {
      throw invalid(path, raw, allowed);
    }
    return d;
  }

  /** A duration {@code >= 0} such as {@code 2s}, or the word {@code auto}: then {@code null}. */
  public Duration durationOrAuto(String path) {
    ConfigValue raw = raw(path);
    if (isWord(raw, "auto")) return null;
    return duration(path, raw, true, "\"auto\" or a duration >= 0 such as 250ms, 2s or 1m");
  }

  private Duration duration(String path, ConfigValue raw, boolean allowZero, String allowed) {
    // Typesafe Config reads a bare number as milliseconds: "--batch-timeout 2" would be 2 ms. Every
    // brigade duration needs its unit instead.
    Object u = raw.unwrapped();
    if (u instanceof Number || (u instanceof String s && isBareNumber(s))) {
      throw invalid(path, raw, allowed.replace(" such as", " with a unit, such as") + " (a bare number has no unit)");
    }
    Duration d;
    try {
      d = config.getDuration(key(path));
    } catch (ConfigException.BadValue | ConfigException.WrongType e) {
      throw invalid(path, raw, allowed);
    }
    if (d.isNegative() || (!allowZero && d.isZero())) throw invalid(path, raw, allowed);
    return d;
  }

  /**
   * Whether {@code text} is a number without a unit ({@code 2}, {@code 1.5}, {@code 1e3}): Typesafe Config would
   * read it as milliseconds, so no Brigade duration accepts it, setting or not.
   *
   * @param text a duration as given
   * @return true for a bare number
   */
  public static boolean isBareNumber(String text) {
    return BARE_NUMBER.matcher(text.trim()).matches();
  }

  private static final java.util.regex.Pattern BARE_NUMBER =
      java.util.regex.Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  /** One of a fixed set of words, compared without regard to case; returned in lower case. */
  public String oneOf(String path, Set<String> allowedWords) {
    ConfigValue raw = raw(path);
    String allowed = "one of " + String.join(", ", allowedWords.stream().sorted().toList());
    String v;
    try {
      v = config.getString(key(path)).trim().toLowerCase(Locale.ROOT);
    } catch (ConfigException.WrongType e) {
      throw invalid(path, raw, allowed);
    }
    if (!allowedWords.contains(v)) throw invalid(path, raw, allowed);
    return v;
  }

  public boolean bool(String path) {
    ConfigValue raw = raw(path);
    try {
      return config.getBoolean(key(path));
    } catch (ConfigException.WrongType e) {
      throw invalid(path, raw, "true or false (on/off, yes/no)");
    }
  }

  public String string(String path) {
    ConfigValue raw = raw(path);
    try {
      return config.getString(key(path));
    } catch (ConfigException.WrongType e) {
      throw invalid(path, raw, "a string");
    }
  }

  /**
   * A list, each element converted by {@code element}, which returns null for an element it rejects.
   * A single value or a comma-separated string counts as a list (so {@code -Dkey=1,2,4} works).
   */
  public <T> List<T> list(String path, String allowedElement, Function<String, T> element) {
    ConfigValue raw = raw(path);
    List<String> words = new ArrayList<>();
    try {
      for (Object o : config.getAnyRefList(key(path))) words.add(String.valueOf(o));
    } catch (ConfigException.WrongType e) {
      for (String w : config.getString(key(path)).split(",")) words.add(w);
    }
    List<T> out = new ArrayList<>();
    for (String w : words) {
      T t = w.isBlank() ? null : element.apply(w.trim());
      if (t == null) throw invalid(path, raw, "a non-empty list of " + allowedElement);
    out.add(t);
    }
    if (out.isEmpty()) throw invalid(path, raw, "a non-empty list of " + allowedElement);
    return out;
  }

  private ConfigValue raw(String path) {
    String key = key(path);
    if (!config.hasPathOrNull(key)) {
      throw new UserError("missing setting " + key + ": add it to the config file or pass it with -D" + key + "=...");
    }
    if (config.getIsNull(key)) {
      throw new UserError("setting " + key + " is null: give it a value");
    }
    return config.getValue(key);
  }

  /**
   * Names a setting as errors do, for a value whose fault shows only when it is used (a file that cannot be opened).
   *
   * @return e.g. "brigade.trace.file = '/no/t.json' (from flag --trace)"
   */
  public String described(String path) {
    ConfigValue raw = raw(path);
    return key(path) + " = " + render(raw) + " (" + origin(raw) + ")";
  }

  private UserError invalid(String path, ConfigValue raw, String allowed) {
    return new UserError(
        "invalid setting " + key(path) + " = " + render(raw) + " (" + origin(raw) + "): expected " + allowed);
  }

  private static boolean isWord(ConfigValue raw, String word) {
    return raw.unwrapped() instanceof String s && s.trim().equalsIgnoreCase(word);
  }

  private static String render(ConfigValue v) {
    Object u = v.unwrapped();
    return u instanceof String s ? "'" + s + "'" : String.valueOf(u);
  }

  /** "flag --workers", "-D on the command line", "conf/application.conf: 12" ... */
  static String origin(ConfigValue v) {
    String d = v.origin().description();
    if (d.startsWith("flag ") || d.startsWith("-D")) return "from " + d;
    if (d.startsWith("system properties")) return "from a -D system property";
    return "from " + d.replace("merge of ", "");
  }

  private static String rangeText(long min, long max) {
    if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) return "a whole number from -2^63 to 2^63-1 (64 bits)";
    if (max == Integer.MAX_VALUE || max == Long.MAX_VALUE) return "a whole number >= " + min;
    return "a whole number from " + min + " to " + max;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
