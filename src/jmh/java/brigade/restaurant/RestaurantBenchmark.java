package brigade.restaurant;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import brigade.config.BrigadeConfig;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The restaurant's cost per order with every step at 0 s: a whole run of {@value #ORDERS} orders (spawning its
 * restaurant and staff, closing, the summary) per invocation, so every score is <b>per order</b>
 * ({@code @OperationsPerInvocation(ORDERS)}): orders per second, and with {@code -prof gc} the bytes allocated per
 * order ({@code gc.alloc.rate.norm}).
 *
 * <p>Run (after {@code mvn -B -q -Pjmh package -DskipTests}):
 * <pre>
 *   java -jar target/benchmarks.jar RestaurantBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RestaurantBenchmark {
  public static final int ORDERS = 200_000;

  private ActorSystem<Void> system;
  private RestaurantSettings settings;
  private final AtomicInteger runs = new AtomicInteger();

  @Setup(Level.Trial)
  public void setUp() {
    String steps = "orders = " + ORDERS + ", cook-time = 0s, delivery-time = 0s, eating-time = 0s, retrieval-time = 0s";
    settings = RestaurantSettings.from(ConfigFactory.parseString(steps).atPath(RestaurantSettings.PREFIX)
        .withFallback(BrigadeConfig.defaults()).resolve());
    system = ActorSystem.create(Behaviors.empty(), "restaurant-bench", BrigadeConfig.defaults());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** One whole run: its summary. */
  @Benchmark
  @OperationsPerInvocation(ORDERS)
  public Summary run() throws Exception {
    ActorRef<Restaurant.Command> restaurant = system.systemActorOf(Restaurant.create(settings),
        "restaurant-" + runs.incrementAndGet(), Props.empty());
    Summary s = AskPattern.<Restaurant.Command, Summary>ask(restaurant, Restaurant.WhenClosed::new,
        Duration.ofMinutes(5), system.scheduler()).toCompletableFuture().get(5, TimeUnit.MINUTES);
    if (s.ordersServed() != ORDERS) throw new IllegalStateException("served " + s.ordersServed());
    return s;
  }
}
