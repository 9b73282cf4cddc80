package brigade.restaurant;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import brigade.config.BrigadeConfig;
import brigade.config.LocalActorSystem;
import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The demonstration's last step, in code: the executor lessons as Akka asks on a restaurant that stays open.
 * {@code executor.submit(task)} then {@code future.result()} is an ask of one order ({@link Restaurant.PlaceOrder});
 * {@code Pool.map} a batch ({@link Restaurant.PlaceOrders}); {@code shutdown()} and the tally an ask for the
 * {@link Summary} ({@link Restaurant.CloseForSummary}).
 */
public final class AskLesson {
  /** How long each ask waits for its reply (wall time). */
  static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

  private AskLesson() {}

  /**
   * Runs the lesson on Brigade's bundled settings. See {@link #run(PrintWriter, Config)}.
   */
  public static Summary run(PrintWriter out) throws Exception {
    return run(out, BrigadeConfig.defaults());
  }

  /**
   * Runs the lesson on an actor system of its own, printing one line per ask.
   *
   * @param out where the lines go
   * @param config the run's settings (the lesson's restaurant takes no orders of its own and runs at time-scale 0.01)
   * @return the summary the last ask returned
   * @throws Exception if an ask fails or times out (it should not: the restaurant runs at time-scale 0.01)
   */
  public static Summary run(PrintWriter out, Config config) throws Exception {
    RestaurantSettings settings = RestaurantSettings.from(config).withOrders(0).withTimeScale(0.01);
    ActorSystem<Restaurant.Command> system = LocalActorSystem.create(RestaurantCommand.front(settings,
        new Restaurant.Options(Faults.NONE, null, System::nanoTime, null).openUntilClosed()), "brigade-asks", config);
    try {
      ActorRef<Restaurant.Command> restaurant = system; // the guardian passes every command on to the restaurant
      Restaurant.OrderOutcome one = get(AskPattern.ask(restaurant, Restaurant.PlaceOrder::new, ASK_TIMEOUT,
          system.scheduler()));
      out.println("ask(PlaceOrder)     -> " + one + "    # executor.submit(task), future.result()");
      Restaurant.OrdersOutcome three = get(AskPattern.ask(restaurant, r -> new Restaurant.PlaceOrders(3, r),
          ASK_TIMEOUT, system.scheduler()));
      out.println("ask(PlaceOrders(3)) -> " + three.served() + " served: orders " + three.outcomes().stream()
          .map(o -> String.valueOf(o.orderId())).collect(Collectors.joining(", ")) + "    # Pool.map(fn, items)");
      Summary summary = get(AskPattern.ask(restaurant, Restaurant.CloseForSummary::new, ASK_TIMEOUT,
          system.scheduler()));
      out.println("ask(CloseForSummary) -> " + summary.ordersReceived() + " received, " + summary.ordersServed()
          + " served, " + summary.ordersCancelled() + " cancelled    # executor.shutdown(), then the tally");
      out.flush();
      return summary;
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static <T> T get(CompletionStage<T> reply) throws Exception {
    return reply.toCompletableFuture().get(ASK_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
  }
}
