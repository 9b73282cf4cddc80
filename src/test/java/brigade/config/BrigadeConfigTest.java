package brigade.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.UserError;
import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrigadeConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsComeFromConfAndReference() {
    Config c = BrigadeConfig.defaults();
    assertTrue(c.hasPath("brigade.primes.pool-size"));
    assertTrue(c.hasPath("akka.actor.default-dispatcher"), "reference.conf is underneath");
  }

  @Test
  void flagBeatsPropertyBeatsFile() throws Exception {
    Path f = dir.resolve("a.conf");
    Files.writeString(f, "brigade.restaurant.workers = 5\nbrigade.restaurant.delivery = 4\nbrigade.restaurant.orders = 3\n");
    Config c = BrigadeConfig.load(f,
        Map.of("brigade.restaurant.delivery", "7", "brigade.restaurant.orders", "8"),
        Map.of("brigade.restaurant.orders", new BrigadeConfig.Flag("--orders", 9)));
    assertEquals(5, c.getInt("brigade.restaurant.workers"));
    assertEquals(7, c.getInt("brigade.restaurant.delivery"));
    assertEquals(9, c.getInt("brigade.restaurant.orders"));
  }

  @Test
  void badValueNamesKeyValueOriginAndWhatIsAllowed() {
    Config c = BrigadeConfig.load(null, Map.of(),
        Map.of("brigade.restaurant.workers", new BrigadeConfig.Flag("--workers", -1)));
    UserError e = assertThrows(UserError.class,
        () -> new SettingsReader(c, "brigade.restaurant").intAtLeast("workers", 1));
    assertEquals(
        "invalid setting brigade.restaurant.workers = -1 (from flag --workers): expected a whole number >= 1",
        e.getMessage());
  }

  @Test
  void badValueInFileNamesFileAndLine() throws Exception {
    Path f = dir.resolve("b.conf");
    Files.writeString(f, "brigade.primes.dispatch = sideways\n");
    Config c = BrigadeConfig.load(f, Map.of(), Map.of());
    UserError e = assertThrows(UserError.class,
        () -> new SettingsReader(c, "brigade.primes").oneOf("dispatch", Set.of("push", "pull")));
    assertTrue(e.getMessage().startsWith("invalid setting brigade.primes.dispatch = 'sideways' (from "), e.getMessage());
    assertTrue(e.getMessage().contains("b.conf: 1"), e.getMessage());
    assertTrue(e.getMessage().endsWith("expected one of pull, push"), e.getMessage());
  }

  @Test
  void readerChecksEveryKind() {
    Config c = BrigadeConfig.load(null, Map.of(
        "x.auto", "auto", "x.n", "12", "x.d", "250ms", "x.neg", "-1s", "x.f", "1.5", "x.list", "1,2,x"), Map.of());
    SettingsReader r = new SettingsReader(c, "x");
    assertEquals(7, r.intOrAuto("auto", 1, 100, 7));
    assertEquals(12, r.intOrAuto("n", 1, 100, 7));
    assertThrows(UserError.class, () -> r.intOrAuto("n", 1, 10, 7));
    assertEquals(Duration.ofMillis(250), r.duration("d", false));
    assertThrows(UserError.class, () -> r.duration("neg", true));
    assertThrows(UserError.class, () -> r.doubleBetween("f", 0, 1, false));
    assertEquals(List.of(1, 2), new SettingsReader(BrigadeConfig.load(null, Map.of("x.l", "1,2"), Map.of()), "x")
        .list("l", "whole numbers", s -> s.matches("\\d+") ? Integer.valueOf(s) : null));
    UserError e = assertThrows(UserError.class,
        () -> r.list("list", "whole numbers", s -> s.matches("\\d+") ? Integer.valueOf(s) : null));
    assertTrue(e.getMessage().contains("'1,2,x'"), e.getMessage());
    UserError missing = assertThrows(UserError.class, () -> r.string("nope"));
    assertTrue(missing.getMessage().contains("x.nope"), missing.getMessage());
  }

  @Test
  void unreadableOrMalformedFileIsAUserError() throws Exception {
    UserError missing = assertThrows(UserError.class, () -> BrigadeConfig.load(dir.resolve("none.conf"), Map.of(), Map.of()));
    assertTrue(missing.getMessage().contains("none.conf"), missing.getMessage());
    Path bad = dir.resolve("bad.conf");
    Files.writeString(bad, "brigade { primes = \n");
    UserError malformed = assertThrows(UserError.class, () -> BrigadeConfig.load(bad, Map.of(), Map.of()));
    assertTrue(malformed.getMessage().contains("bad.conf") && !malformed.getMessage().contains("\n"), malformed.getMessage());
  }
}
