package brigade.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Puts a test class on Brigade's JUnit 5 actor testkit: one {@code ActorTestKit} per test class, started on
 * Brigade's own settings (conf/application.conf over Akka's reference.conf), injected into any test,
 * lifecycle method or constructor parameter of type {@code ActorTestKit} (and {@code ManualTime} when
 * {@link #manualTime()} is on), shut down after the last test. Log lines are captured and printed only for
 * tests that fail.
 *
 * <pre>
 * &#64;BrigadeTestKit
 * class GreeterTest {
 *   &#64;Test
 *   void greets(ActorTestKit testKit) {
 *     TestProbe&lt;Greeted&gt; probe = testKit.createTestProbe();
 *     ...
 *   }
 * }
 * </pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ActorTestKitExtension.class)
public @interface BrigadeTestKit {
  /** Run the actor system on Akka's ManualTime scheduler: timers fire only when the test advances time. */
  boolean manualTime() default false;

  /** Extra HOCON laid over Brigade's settings for this class, e.g. {@code "brigade.restaurant.workers = 3"}. */
  String config() default "";
}
