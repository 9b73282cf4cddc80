package brigade.config;

import brigade.UserError;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code brigade.*} keys the bundled {@code application.conf} defines: a key given anywhere else (flag,
 * {@code -D}, a file) that is not one of them is a typo, reported with the nearest known key. Derived from the
 * bundled file, so a setting added there is known at once. {@code akka.*} and other roots are left to Akka.
 *
 * <p>A section with a {@code type} key (the prime workers' dispatcher) is Akka configuration: under it, any key of
 * Akka's {@code akka.actor.default-dispatcher} is known too.
 */
final class KnownKeys {
  static final String ROOT = "brigade";
  private static final String DISPATCHER_REFERENCE = "akka.actor.default-dispatcher";

  /** Known leaf paths (values, lists, nulls), in file order, so suggestions are stable. */
  private final Set<String> leaves = new LinkedHashSet<>();
  /** Known sections: a key naming a whole section is not a typo. */
  private final Set<String> sections = new LinkedHashSet<>();
  /** Dispatcher sections: path to the keys Akka accepts under it (relative paths). */
  private final Map<String, Set<String>> dispatchers = new LinkedHashMap<>();

  private KnownKeys() {}

  static KnownKeys of(Config bundled) {
    KnownKeys k = new KnownKeys();
    if (!bundled.hasPath(ROOT)) return k;
    Set<String> dispatcherKeys = new LinkedHashSet<>();
    Config reference = ReferenceConfig.get();
    if (reference.hasPath(DISPATCHER_REFERENCE)) {
      walk(reference.getObject(DISPATCHER_REFERENCE), "", dispatcherKeys, new LinkedHashSet<>());
    }
    Map<String, Integer> lines = new LinkedHashMap<>();
    k.add(bundled.root().get(ROOT), ROOT, dispatcherKeys, lines);
    // In the file's order (a config object's own order is a hash map's): suggestions and examples stay stable.
    lines.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> k.leaves.add(e.getKey()));
    return k;
  }

  private void add(ConfigValue v, String path, Set<String> dispatcherKeys, Map<String, Integer> lines) {
    if (!(v instanceof ConfigObject o)) {
      lines.put(path, v.origin().lineNumber());
      return;
    }
    sections.add(path);
    if (o.containsKey("type")) dispatchers.put(path, dispatcherKeys);
    o.forEach((key, child) -> add(child, path + "." + key, dispatcherKeys, lines));
  }

  /** Collects the leaf paths under {@code o}, relative, into {@code leavesOut}, sections into {@code sectionsOut}. */
  private static void walk(ConfigObject o, String prefix, Set<String> leavesOut, Set<String> sectionsOut) {
    o.forEach((key, child) -> {
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      if (child instanceof ConfigObject c) {
        sectionsOut.add(path);
        walk(c, path, leavesOut, sectionsOut);
      } else {
        leavesOut.add(path);
      }
    });
  }

  /**
   * Checks every {@code brigade.*} key of the given layers, in order.
   *
   * @throws UserError for the first unknown key: its name, where it came from, and the nearest known key
   */
  void check(List<Config> layers) {
    for (Config layer : layers) {
      ConfigValue root = layer.root().get(ROOT);
      if (root == null) continue;
      List<Map.Entry<String, ConfigValue>> keys = new ArrayList<>();
      collect(root, ROOT, keys);
      for (Map.Entry<String, ConfigValue> e : keys) {
        if (sections.contains(e.getKey()) && !(e.getValue() instanceof ConfigObject)) {
          // "-Dbrigade.primes=3" would replace every primes setting; the reads would then call them missing.
          throw new UserError("setting " + e.getKey() + " (" + SettingsReader.origin(e.getValue())
              + ") is a section, not a value: set the keys under it, such as " + firstUnder(e.getKey()));
        }
        if (!known(e.getKey())) {
          throw new UserError("unknown setting " + e.getKey() + " (" + SettingsReader.origin(e.getValue())
              + "): did you mean " + nearest(e.getKey()) + "? (every setting is listed in conf/application.conf)");
        }
      }
    }
  }

  private static void collect(ConfigValue v, String path, List<Map.Entry<String, ConfigValue>> out) {
    if (v instanceof ConfigObject o && !o.isEmpty()) {
      o.forEach((key, child) -> collect(child, path + "." + key, out));
    } else {
      out.add(Map.entry(path, v)); // a value, or an empty section (known only if the bundled file has it)
    }
  }

  private boolean known(String path) {
    if (leaves.contains(path) || sections.contains(path)) return true;
    for (Map.Entry<String, Set<String>> d : dispatchers.entrySet()) {
      String prefix = d.getKey() + ".";
      if (path.startsWith(prefix)) {
        String rest = path.substring(prefix.length());
        if (d.getValue().contains(rest)) return true;
        // a whole executor section given as an object ("fork-join-executor {}") is fine too
        for (String k : d.getValue()) if (k.startsWith(rest + ".")) return true;
      }
    }
    return false;
  }

  private String firstUnder(String section) {
    return leaves.stream().filter(k -> k.startsWith(section + ".")).findFirst().orElse(section + ".KEY");
  }

  /** The known key closest to {@code path} by edit distance (the first of equals, in file order). */
  String nearest(String path) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : leaves) {
      int d = distance(path, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
