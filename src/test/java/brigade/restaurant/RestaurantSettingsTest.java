package brigade.restaurant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.UserError;
import brigade.config.BrigadeConfig;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestaurantSettingsTest {
  static RestaurantSettings with(String hocon) {
    return RestaurantSettings.from(ConfigFactory.parseString(hocon)
        .atPath("brigade.restaurant").withFallback(BrigadeConfig.defaults()).resolve());
  }

  static String error(String hocon) {
    return assertThrows(UserError.class, () -> with(hocon)).getMessage();
  }

  @Test
  void defaultsFromApplicationConf() {
    RestaurantSettings s = RestaurantSettings.from(BrigadeConfig.defaults());
    assertEquals(2, s.workers());
    assertEquals(20, s.orders());
    assertEquals(Duration.ofMillis(300), s.cookTime());
    assertEquals(1.0, s.timeScale());
    assertFalse(s.atRate());
    assertEquals(20, s.expectedOrders());
    assertTrue(s.logOrders(), "auto: 20 orders are few enough to log each");
  }

  @Test
  void durationsAreScaledToTheNanosecondNeverTruncatedToZero() {
    RestaurantSettings s = with("time-scale = 0.01");
    assertEquals(Duration.ofMillis(3), s.scaled(Duration.ofMillis(300)));
    assertEquals(Duration.ofNanos(500_000), s.scaled(Duration.ofMillis(50)), "0.5 ms, not 0");
    assertEquals(Duration.ofMillis(10), s.scaled(s.workInterval()));
    RestaurantSettings tiny = with("time-scale = 0.0001");
    assertEquals(Duration.ofNanos(30_000), tiny.scaled(tiny.cookTime()), "300 ms at 0.0001: 30 us");
    assertEquals(Duration.ofNanos(100_000), tiny.scaled(tiny.workInterval()), "no floor at a scheduler tick");
    assertEquals(Duration.ZERO, tiny.scaled(Duration.ZERO));
    assertEquals(Duration.ofNanos(333_333), with("time-scale = 0.001").scaled(Duration.ofNanos(333_333_333)));
  }

  @Test
  void aZeroTimeStepLetsStaffHoldSeveralOrdersAStepWithTimeOne() {
    RestaurantSettings s = with("cook-time = 0s");
    assertEquals(RestaurantSettings.ZERO_TIME_DEPTH, s.rosterDepth(Staff.Role.WORKER));
    assertEquals(1, s.rosterDepth(Staff.Role.DELIVERY));
  }

  @Test
  void theBookWindowBoundsOrdersInFlightWhateverIsPlanned() {
    assertEquals(1024, with("orders = 1000000000").bookWindow(), "4 x (4 staff + 8 dishes) is under the floor");
    assertEquals(4 * (2 + 1 + 1 + 1000), with("dishes = 1000").bookWindow());
    assertEquals(RestaurantSettings.MAX_BOOK_WINDOW, with("dishes = 100000000").bookWindow());
  }

  @Test
  void rateTimesDurationIsCappedLikeOrdersWithOneLine() {
    String e = error("rate = 1000000, duration = 2000s");
    assertTrue(e.contains("rate x brigade.restaurant.duration = 2000000000 orders") && e.contains("at most 1000000000"), e);
    assertEquals(1_000_000_000L, with("rate = 1000000, duration = 1000s").expectedOrders());
    assertTrue(error("orders = 1000000001").contains("brigade.restaurant.orders = 1000000001"));
  }

  @Test
  void rateTimesDurationIsTheNumberOfOrders() {
    RestaurantSettings s = with("rate = 5, duration = 2s");
    assertTrue(s.atRate());
    assertEquals(10, s.expectedOrders());
    assertFalse(with("rate = 1000, duration = 1s").logOrders());
  }

  @Test
  void badValuesNameTheKeyTheValueAndWhatIsAllowed() {
    assertTrue(error("workers = -1").contains("brigade.restaurant.workers = -1"), error("workers = -1"));
    String ts = error("time-scale = 0");
    assertTrue(ts.contains("brigade.restaurant.time-scale = 0") && ts.contains("> 0"), ts);
    String fr = error("fault-rate = 1");
    assertTrue(fr.contains("brigade.restaurant.fault-rate = 1") && fr.contains("exclusive"), fr);
    assertTrue(error("cook-time = soon").contains("cook-time = 'soon'"));
    assertTrue(error("order-log = loud").contains("one of auto, off, on"));
    assertTrue(error("rate = 2, duration = 0s").contains("brigade.restaurant.duration"));
    assertTrue(error("dishes = 0").contains("brigade.restaurant.dishes = 0"));
  }

  @Test
  void withersGiveWhatTheConfigGives() {
    RestaurantSettings coded = RestaurantSettings.defaults().withWorkers(3).withDelivery(2).withRetrieval(4)
        .withOrders(7).withDishes(5).withTimeScale(0.01).withCookTime(Duration.ofMillis(250))
        .withDeliveryTime(Duration.ZERO).withEatingTime(Duration.ofNanos(1)).withRetrievalTime(Duration.ofSeconds(2))
        .withWorkInterval(Duration.ofMinutes(1)).withFaultRate(0.25).withSeed(-9).withCloseTimeout(Duration.ofSeconds(7))
        .withOrderLog("off");
    RestaurantSettings configured = with("workers = 3, delivery = 2, retrieval = 4, orders = 7, dishes = 5,"
        + " time-scale = 0.01, cook-time = 250ms, delivery-time = 0s, eating-time = 1ns, retrieval-time = 2s,"
        + " work-interval = 1m, fault-rate = 0.25, seed = -9, close-timeout = 7s, order-log = off");
    assertEquals(configured, coded);
    assertEquals(with("rate = 5, duration = 3s"), RestaurantSettings.defaults().withRate(5, Duration.ofSeconds(3)));
    assertEquals(RestaurantSettings.from(BrigadeConfig.defaults()), RestaurantSettings.defaults());
  }

  @Test
  void withersRefuseWhatTheConfigRefusesWithTheSameLine() {
    RestaurantSettings d = RestaurantSettings.defaults();
    assertSameRule("workers = 0", () -> d.withWorkers(0), "withWorkers");
    assertSameRule("delivery = 10001", () -> d.withDelivery(10_001), "withDelivery");
    assertSameRule("orders = -1", () -> d.withOrders(-1), "withOrders");
    assertSameRule("dishes = 0", () -> d.withDishes(0), "withDishes");
    assertSameRule("time-scale = 0", () -> d.withTimeScale(0), "withTimeScale");
    assertSameRule("time-scale = 1001", () -> d.withTimeScale(1001), "withTimeScale");
    assertSameRule("fault-rate = 1", () -> d.withFaultRate(1), "withFaultRate");
    assertSameRule("order-log = loud", () -> d.withOrderLog("loud"), "withOrderLog");
    assertSameRule("rate = 5, duration = 0s", () -> d.withRate(5, Duration.ZERO), "withRate");
    // Durations: the config's rule, the value in its largest whole unit.
    String negative = assertThrows(UserError.class, () -> d.withCookTime(Duration.ofMillis(-1))).getMessage();
    assertEquals("invalid setting brigade.restaurant.cook-time = '-1ms' (from withCookTime):"
        + " expected a duration >= 0 such as 250ms, 2s or 1m", negative);
    String zero = assertThrows(UserError.class, () -> d.withCloseTimeout(Duration.ZERO)).getMessage();
    assertTrue(zero.startsWith("invalid setting brigade.restaurant.close-timeout = '0s' (from withCloseTimeout)"), zero);
    assertTrue(zero.endsWith(error("close-timeout = 0s").replaceAll(".*: expected", ": expected")), zero);
  }

  /** The wither's error is the config's, but for where the value came from. */
  private static void assertSameRule(String hocon, org.junit.jupiter.api.function.Executable wither, String name) {
    String fromConfig = error(hocon);
    String fromWither = assertThrows(UserError.class, wither).getMessage();
    assertTrue(fromWither.contains("(from " + name + ")"), fromWither);
    assertEquals(fromConfig.replaceAll("\\(from [^)]*\\)", "(from X)"), fromWither.replaceAll("\\(from [^)]*\\)", "(from X)"));
  }
}
