package brigade.cluster;

import brigade.UserError;
import brigade.config.SettingsReader;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code brigade.cluster} settings of one node, validated: where this node binds, whom it joins, its
 * extra roles, and how many prime workers a cluster job waits for. {@link #overlay(String)} turns them into
 * the Akka settings they stand for, laid over the config only for cluster runs ({@code node},
 * {@code primes --cluster}); every other run keeps {@code akka.actor.provider = local}.
 *
 * @param host the address this node binds to and is reached at (canonical hostname)
 * @param port this node's port, 0 = a free one picked at start
 * @param seedNodes nodes to join; empty = this node founds the cluster (joins itself)
 * @param roles extra cluster roles, besides the {@code coordinator} / {@code worker} role each run adds
 * @param minWorkers prime workers a cluster job waits for before it starts dispatching
 */
public record ClusterSettings(String host, int port, List<HostPort> seedNodes, List<String> roles, int minWorkers) {
  /** Every node of a Brigade cluster runs an actor system of this name (part of each node's address). */
  public static final String SYSTEM_NAME = "brigade";
  /** Role of the node that runs a job (the `primes --cluster` run). */
  public static final String COORDINATOR_ROLE = "coordinator";
  /** Role of a `node` run, which serves prime workers. */
  public static final String WORKER_ROLE = "worker";

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.\\-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+]");
  private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]*");

  public ClusterSettings {
    seedNodes = List.copyOf(seedNodes);
    roles = List.copyOf(roles);
  }

  /** A node's {@code host:port}, as given to {@code --join}. */
  public record HostPort(String host, int port) {
    /** Parses {@code host:port} (port 1..65535), or returns null if it is not one. */
    public static HostPort parseOrNull(String text) {
      String s = text.trim();
      int colon = s.lastIndexOf(':');
      if (colon <= 0 || colon == s.length() - 1) return null;
      String host = s.substring(0, colon);
      String portText = s.substring(colon + 1);
      if (!HOST.matcher(host).matches() || !portText.chars().allMatch(Character::isDigit) || portText.length() > 5) {
        return null;
      }
      int port = Integer.parseInt(portText);
      return port >= 1 && port <= 65535 ? new HostPort(host, port) : null;
    }

    /** The Akka address of the Brigade node at this host and port. */
    public String akkaAddress() {
      return "akka://" + SYSTEM_NAME + "@" + host + ":" + port;
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  public static ClusterSettings from(Config config) {
    SettingsReader r = new SettingsReader(config, "brigade.cluster");
    String host = r.string("host").trim();
    if (!HOST.matcher(host).matches()) {
      throw invalid(config, "brigade.cluster.host", "a host name or IP address such as 127.0.0.1");
    }
    int port = r.intBetween("port", 0, 65535);
    List<HostPort> seeds =
        optionalList(config, r, "seed-nodes", "host:port such as 127.0.0.1:25520 (port 1 to 65535)", HostPort::parseOrNull);
    List<String> roles = optionalList(config, r, "roles",
        "role names (letters, digits, '-' and '_')", w -> ROLE.matcher(w).matches() ? w : null);
    int minWorkers = r.intAtLeast("min-workers", 1);
    return new ClusterSettings(host, port, seeds, roles, minWorkers);
  }

  /**
   * The Akka settings these stand for, to lay over the run's config: cluster provider, Artery's canonical
   * address, the roles (the run's own {@code role} first). Seed nodes are joined in code ({@link #seedAddresses})
   * so that a node with port 0 can join itself.
   */
  public Config overlay(String role) {
    List<String> allRoles = new ArrayList<>();
    allRoles.add(role);
    for (String extra : roles) if (!allRoles.contains(extra)) allRoles.add(extra);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("akka.actor.provider", "cluster");
    m.put("akka.remote.artery.canonical.hostname", host);
    m.put("akka.remote.artery.canonical.port", port);
    m.put("akka.cluster.roles", allRoles);

    return ConfigFactory.parseMap(m, "brigade.cluster settings");
  }

  /** Overlay laid over {@code config}: the whole config of a cluster run. */
  public Config clusterConfig(String role, Config config) {
    // Leaving waits for the split-brain resolver to settle a dead node first (see NodeRunner): give it the time.
    long stable = config.getDuration("akka.cluster.split-brain-resolver.stable-after").toMillis();
    Config leaving = ConfigFactory.parseMap(Map.of(
        "akka.coordinated-shutdown.phases.before-cluster-shutdown.timeout", (stable + 6000) + "ms"), "brigade cluster");
    return overlay(role).withFallback(leaving).withFallback(config).resolve();
  }

  /** Akka addresses of the seed nodes, in order (empty: this node joins itself). */
  public List<String> seedAddresses() {
    return seedNodes.stream().map(HostPort::akkaAddress).toList();
  }

  private static <T> List<T> optionalList(
      Config config, SettingsReader r, String path, String allowedElement, java.util.function.Function<String, T> element) {
    String key = r.key(path);
    if (config.hasPath(key)) {
      ConfigValue v = config.getValue(key);
      boolean empty = (v.valueType() == ConfigValueType.LIST && config.getList(key).isEmpty())
          || (v.valueType() == ConfigValueType.STRING && config.getString(key).isBlank());
      if (empty) return List.of();
    }
    return r.list(path, allowedElement, element);
  }

  private static UserError invalid(Config config, String key, String allowed) {
    ConfigValue v = config.getValue(key);
    Object u = v.unwrapped();
    String shown = u instanceof String s ? "'" + s + "'" : String.valueOf(u);
    String d = v.origin().description();
    String origin = d.startsWith("flag ") || d.startsWith("-D") ? "from " + d : "from " + d.replace("merge of ", "");
    return new UserError("invalid setting " + key + " = " + shown + " (" + origin + "): expected " + allowed);
  }
}
