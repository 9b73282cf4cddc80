package brigade.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import brigade.UserError;
import brigade.config.BrigadeConfig;
import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
  private static Config withFlags(Map<String, Object> flags) {
    Map<String, BrigadeConfig.Flag> f = new java.util.LinkedHashMap<>();
    flags.forEach((k, v) -> f.put("brigade.cluster." + k, new BrigadeConfig.Flag("--" + k, v)));
    return BrigadeConfig.load(null, Map.of(), f);
  }

  private static String error(Map<String, Object> flags) {
    return assertThrows(UserError.class, () -> ClusterSettings.from(withFlags(flags))).getMessage();
  }

  @Test
  void aClusterNodesConfigKeepsTheKitchensSchedulerTick() {
    // node and --cluster lay the kitchen's tick over the run's config first, then the cluster's settings over that.
    Config kitchen = brigade.primes.PrimesSettings.kitchenSystemConfig(BrigadeConfig.defaults());
    for (String role : List.of(ClusterSettings.COORDINATOR_ROLE, ClusterSettings.WORKER_ROLE)) {
      Config node = ClusterSettings.from(kitchen).clusterConfig(role, kitchen);
      assertEquals(java.time.Duration.ofMillis(10), node.getDuration("akka.scheduler.tick-duration"), role);
    }
  }

  @Test
  void defaultsAreValidAndLocal() {
    Config c = BrigadeConfig.defaults();
    ClusterSettings s = ClusterSettings.from(c);
    assertEquals(new ClusterSettings("127.0.0.1", 25520, List.of(), List.of(), 1), s);
    assertEquals("local", c.getString("akka.actor.provider"), "only node / --cluster runs become cluster nodes");
    assertEquals("akka.cluster.sbr.SplitBrainResolverProvider", c.getString("akka.cluster.downing-provider-class"));
    assertEquals("keep-majority", c.getString("akka.cluster.split-brain-resolver.active-strategy"));
    assertEquals("off", c.getString("akka.actor.allow-java-serialization"));
    assertEquals("jackson-cbor", c.getConfig("akka.actor.serialization-bindings").getString("\"brigade.CborSerializable\""));
  }

  @Test
  void flagsAreParsed() {
    ClusterSettings s = ClusterSettings.from(withFlags(Map.of(
        "host", "localhost", "port", 0, "seed-nodes", "127.0.0.1:25520, 127.0.0.1:25521",
        "roles", "fast,big-box", "min-workers", 4)));
    assertEquals("localhost", s.host());
    assertEquals(0, s.port());
    assertEquals(List.of(new ClusterSettings.HostPort("127.0.0.1", 25520), new ClusterSettings.HostPort("127.0.0.1", 25521)),
        s.seedNodes());
    assertEquals(List.of("akka://brigade@127.0.0.1:25520", "akka://brigade@127.0.0.1:25521"), s.seedAddresses());
    assertEquals(List.of("fast", "big-box"), s.roles());
    assertEquals(4, s.minWorkers());
  }

  @Test
  void overlayMakesAClusterNode() {
    ClusterSettings s = new ClusterSettings("127.0.0.1", 25521, List.of(), List.of("big", "worker"), 1);
    Config c = s.clusterConfig(ClusterSettings.WORKER_ROLE, BrigadeConfig.defaults());
    assertEquals("cluster", c.getString("akka.actor.provider"));
    assertEquals("127.0.0.1", c.getString("akka.remote.artery.canonical.hostname"));
    assertEquals(25521, c.getInt("akka.remote.artery.canonical.port"));
    assertEquals(List.of("worker", "big"), c.getStringList("akka.cluster.roles"));
  }

  @Test
  void badValuesGiveOneLineErrorsNamingFlagAndWhatIsAllowed() {
    assertEquals("invalid setting brigade.cluster.port = 65536 (from flag --port): expected a whole number from 0 to 65535",
        error(Map.of("port", 65536)));
    assertEquals("invalid setting brigade.cluster.port = -1 (from flag --port): expected a whole number from 0 to 65535",
        error(Map.of("port", -1)));
    assertEquals("invalid setting brigade.cluster.min-workers = 0 (from flag --min-workers): expected a whole number >= 1",
        error(Map.of("min-workers", 0)));
    assertEquals("invalid setting brigade.cluster.host = 'no such host!' (from flag --host): expected a host name or IP "
        + "address such as 127.0.0.1", error(Map.of("host", "no such host!")));
    for (String bad : List.of("127.0.0.1", "127.0.0.1:", ":25520", "127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:25a")) {
      String e = error(Map.of("seed-nodes", bad));
      assertEquals("invalid setting brigade.cluster.seed-nodes = '" + bad + "' (from flag --seed-nodes): expected a "
          + "non-empty list of host:port such as 127.0.0.1:25520 (port 1 to 65535)", e);
    }
    String role = error(Map.of("roles", "ok,not ok"));
    assertEquals("invalid setting brigade.cluster.roles = 'ok,not ok' (from flag --roles): expected a non-empty list of "
        + "role names (letters, digits, '-' and '_')", role);
  }
}
