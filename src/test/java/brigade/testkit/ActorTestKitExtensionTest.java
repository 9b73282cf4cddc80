package brigade.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ActorTestKitExtensionTest {
  record Ping(String text, ActorRef<String> replyTo) {}

  static Behavior<Ping> echo() {
    return Behaviors.receiveMessage(p -> {
      p.replyTo().tell(p.text());
      return Behaviors.same();
    });
  }

  @Nested
  @BrigadeTestKit(config = "brigade.restaurant.workers = 9")
  class RealTime {
    static ActorTestKit first;

    @BeforeAll
    static void injectedIntoLifecycleMethods(ActorTestKit kit) {
      first = kit;
    }

    @Test
    void injectsOneKitPerClassWithBrigadeSettings(ActorTestKit kit) {
      assertSame(first, kit);
      assertEquals(9, kit.system().settings().config().getInt("brigade.restaurant.workers"));
      assertEquals(1, kit.system().settings().config().getInt("brigade.restaurant.delivery"));
      TestProbe<String> probe = kit.createTestProbe();
      kit.spawn(echo()).tell(new Ping("hi", probe.ref()));
      probe.expectMessage("hi");
    }
  }

  @Nested
  @BrigadeTestKit(manualTime = true)
  class WithManualTime {
    @Test
    void timersFireOnlyWhenTimeIsAdvanced(ActorTestKit kit, ManualTime time) {
      TestProbe<String> probe = kit.createTestProbe();
      kit.spawn(Behaviors.<String>withTimers(t -> {
        t.startSingleTimer("tick", Duration.ofSeconds(10));
        return Behaviors.receiveMessage(m -> {
          probe.ref().tell(m);
          return Behaviors.same();
        });
      }));
      time.expectNoMessageFor(Duration.ofSeconds(9), probe);
      time.timePasses(Duration.ofSeconds(1));
      probe.expectMessage("tick");
    }
  }
}
