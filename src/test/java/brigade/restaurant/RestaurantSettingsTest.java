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
  void durationsAreScaledAndTruncatedToWholeMilliseconds() {
    RestaurantSettings s = with("time-scale = 0.01");
    assertEquals(Duration.ofMillis(3), s.scaled(Duration.ofMillis(300)));
    assertEquals(Duration.ZERO, s.scaled(Duration.ofMillis(50)), "0.5 ms: at once");
    assertEquals(Duration.ofMillis(10), s.scaledWorkInterval());
    assertEquals(RestaurantSettings.SHORTEST_PERIOD, with("time-scale = 0.0001").scaledWorkInterval());
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
}
