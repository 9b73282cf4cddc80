package brigade.cluster;

import akka.actor.Address;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import brigade.config.BrigadeConfig;
import brigade.config.ReferenceConfig;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Extra cluster nodes for in-JVM cluster tests: actor systems on 127.0.0.1, free ports, joined to the test kit's. */
final class TestCluster implements AutoCloseable {
  /** The test kit's settings that make it a cluster node on a free loopback port. */
  static final String KIT_CONFIG = """
      akka.actor.provider = cluster
      akka.remote.artery.canonical.hostname = "127.0.0.1"
      akka.remote.artery.canonical.port = 0
      akka.cluster.split-brain-resolver.stable-after = 3s
      """;

  private final ActorTestKit kit;
  private final List<ActorSystem<?>> nodes = new ArrayList<>();

  TestCluster(ActorTestKit kit) {
    this.kit = kit;
    Cluster c = Cluster.get(kit.system());
    c.manager().tell(Join.create(c.selfMember().address()));
  }

  Address kitAddress() {
    return Cluster.get(kit.system()).selfMember().address();
  }

  /** Starts a node with the given role under the kit's system name and joins it to the kit. */
  <T> ActorSystem<T> start(Behavior<T> guardian, String role) {
    Config config = ConfigFactory.parseString(KIT_CONFIG + "akka.cluster.roles = [" + role + "]\n")
        .withFallback(BrigadeConfig.defaults()).resolve();
    // As NodeRunner starts a node: reference.conf hidden from Akka, the config holding its settings already.
    ActorSystem<T> system = ActorSystem.create(guardian, kit.system().name(), ReferenceConfig.bootstrap(config));
    nodes.add(system);
    Cluster.get(system).manager().tell(Join.create(kitAddress()));
    return system;
  }

  /** Waits until the kit sees {@code n} members up. */
  void awaitUp(int n) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      long up = 0;
      for (akka.cluster.Member m : Cluster.get(kit.system()).state().getMembers()) {
        if (m.status().equals(MemberStatus.up())) up++;
      }
      if (up >= n) return;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new RuntimeException(e);
      }
    }
    throw new AssertionError("cluster did not reach " + n + " members up: " + Cluster.get(kit.system()).state());
  }

  @Override
  public void close() {
    for (ActorSystem<?> s : nodes) s.terminate();
    for (ActorSystem<?> s : nodes) {
      try {
        s.getWhenTerminated().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // best effort: the JVM ends with the test run anyway
      }
    }
  }
}
