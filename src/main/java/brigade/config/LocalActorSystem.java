package brigade.config;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts an actor system for a run that stays in one JVM (restaurant, local primes, bench) without paying for
 * what only a cluster node uses.
 *
 * <p>Akka builds every serializer named in {@code akka.actor.serializers} when a system starts, and loads every
 * class named in {@code akka.actor.serialization-bindings}. The jar carries akka-remote, akka-cluster, Akka's
 * Jackson module and akka-stream for {@code --cluster} and {@code node}, so their {@code reference.conf} files
 * register about twenty serializers (Jackson's JSON and CBOR object mappers among them) and the stream
 * materializer: some 1,000 classes and half a second of start-up a local run never uses, since none of its
 * messages leave the JVM. This class drops those entries from the config, and {@link ReferenceConfig#bootstrap}
 * keeps Akka from laying the {@code reference.conf} files back underneath. Cluster systems
 * ({@code brigade.cluster.NodeRunner}) keep everything.
 */
public final class LocalActorSystem {
  /** Serializers from these packages only serve messages that cross a network. */
  static final List<String> REMOTE_ONLY_PACKAGES =
      List.of("akka.remote.", "akka.cluster.", "akka.serialization.jackson.", "akka.stream.");
  /** akka-stream's extension, started with every system; Brigade runs no streams locally. */
  static final String STREAM_MATERIALIZER = "akka.stream.SystemMaterializer$";

  private static final String SERIALIZERS = "akka.actor.serializers";
  private static final String BINDINGS = "akka.actor.serialization-bindings";
  private static final String LIBRARY_EXTENSIONS = "akka.library-extensions";

  private LocalActorSystem() {}

  /**
   * Creates a local actor system.
   *
   * @param guardian the user guardian's behavior
   * @param name the system's name (the {@code akka://name} of its actor paths)
   * @param config a complete, resolved config with {@code akka.actor.provider = local}, as {@link BrigadeConfig#load}
   *     returns it
   * @return the started system
   * @throws IllegalArgumentException if the config names a remote or cluster provider
   */
  public static <T> ActorSystem<T> create(Behavior<T> guardian, String name, Config config) {
    String provider = config.getString("akka.actor.provider");
    if (!provider.equals("local")) {
      throw new IllegalArgumentException("a local actor system needs akka.actor.provider = local, not " + provider);
    }
    return ActorSystem.create(guardian, name, ReferenceConfig.bootstrap(withoutRemoteSerialization(config)));
  }

  /**
   * The config without the serializers of {@link #REMOTE_ONLY_PACKAGES}, the bindings to them, and the stream
   * materializer extension. Everything else is untouched.
   *
   * @param config a resolved config holding Akka's reference settings
   * @return the trimmed config
   */
  static Config withoutRemoteSerialization(Config config) {
    Config trimmed = config;
    Set<String> dropped = new HashSet<>();
    for (Map.Entry<String, ConfigValue> e : config.getConfig(SERIALIZERS).root().entrySet()) {
      String className = String.valueOf(e.getValue().unwrapped());
      if (REMOTE_ONLY_PACKAGES.stream().anyMatch(className::startsWith)) {
        dropped.add(e.getKey());
        trimmed = trimmed.withoutPath(SERIALIZERS + "." + quoted(e.getKey()));
      }
    }
    for (Map.Entry<String, ConfigValue> e : config.getConfig(BINDINGS).root().entrySet()) {
      if (dropped.contains(String.valueOf(e.getValue().unwrapped()))) {
        trimmed = trimmed.withoutPath(BINDINGS + "." + quoted(e.getKey()));
      }
    }
    List<String> extensions = config.getStringList(LIBRARY_EXTENSIONS).stream()
        .filter(extension -> !extension.equals(STREAM_MATERIALIZER)).toList();
    return trimmed.withValue(LIBRARY_EXTENSIONS, ConfigValueFactory.fromIterable(extensions));
  }

  /** A key holding dots (a class name) as one path element. */
  private static String quoted(String key) {
    return "\"" + key + "\"";
  }
}
