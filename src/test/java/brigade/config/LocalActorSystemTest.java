package brigade.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalActorSystemTest {
  private final Config defaults = BrigadeConfig.defaults();

  @Test
  void dropsTheSerializersOfRemotingClusterJacksonAndStreamsAndTheirBindings() {
    Config local = LocalActorSystem.withoutRemoteSerialization(defaults);
    Map<String, Object> serializers = local.getConfig("akka.actor.serializers").root().unwrapped();
    assertFalse(serializers.isEmpty());
    serializers.values().forEach(c -> assertTrue(
        LocalActorSystem.REMOTE_ONLY_PACKAGES.stream().noneMatch(String.valueOf(c)::startsWith), "kept " + c));
    // What a local system does use stays: the typed ActorRef serializer, the primitives.
    assertEquals("akka.actor.typed.internal.MiscMessageSerializer", serializers.get("typed-misc"));
    assertTrue(serializers.containsKey("primitive-long"));
    // Every binding left points at a serializer left; Brigade's own CBOR binding goes with jackson-cbor.
    local.getConfig("akka.actor.serialization-bindings").root().unwrapped().forEach(
        (cls, alias) -> assertTrue(serializers.containsKey(String.valueOf(alias)), cls + " -> " + alias));
    assertTrue(defaults.getConfig("akka.actor.serialization-bindings").root().containsKey("brigade.CborSerializable"));
    assertFalse(local.getConfig("akka.actor.serialization-bindings").root().containsKey("brigade.CborSerializable"));
    assertFalse(local.getStringList("akka.library-extensions").contains(LocalActorSystem.STREAM_MATERIALIZER));
    assertTrue(defaults.getStringList("akka.library-extensions").contains(LocalActorSystem.STREAM_MATERIALIZER));
    // Nothing else changes.
    assertEquals(defaults.getConfig("brigade"), local.getConfig("brigade"));
    assertEquals(defaults.getConfig("akka.actor.default-dispatcher"), local.getConfig("akka.actor.default-dispatcher"));
  }

  record Ping(ActorRef<String> replyTo) {}

  @Test
  void theSystemStartsWithoutThemAndRunsActors() throws Exception {
    ActorSystem<Ping> system = LocalActorSystem.create(
        Behaviors.receiveMessage(ping -> {
          ping.replyTo().tell("pong");
          return Behaviors.same();
        }), "local-test", defaults);
    try {
      Config used = system.settings().config();
      assertFalse(used.getConfig("akka.actor.serializers").root().containsKey("jackson-cbor"));
      String reply = AskPattern.<Ping, String>ask(system, Ping::new, Duration.ofSeconds(5), system.scheduler())
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals("pong", reply);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void refusesAClusterProvider() {
    Config cluster = ConfigFactory.parseString("akka.actor.provider = cluster").withFallback(defaults);
    assertThrows(IllegalArgumentException.class,
        () -> LocalActorSystem.create(Behaviors.empty(), "never", cluster));
  }
}
