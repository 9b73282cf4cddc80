package brigade.restaurant;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import brigade.cli.ConfigOptions;
import brigade.cli.Flags;
import brigade.cli.Interrupts;
import brigade.cli.Main;
import brigade.cli.ProgressDisplay;
import brigade.config.LocalActorSystem;
import brigade.report.Json;
import brigade.trace.TraceOutput;
import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brigade restaurant}: runs the restaurant simulation and prints its summary (a table, or one JSON
 * object with {@code --json}). The event log goes to stderr, with a progress bar (orders served of planned) on
 * a terminal. The first Ctrl-C closes the restaurant gracefully (orders in flight finish within
 * {@code close-timeout}, staff retire) and says on stderr what it waits for; a second Ctrl-C stops everything
 * now (unserved orders cancelled). Either way the summary is printed and the exit code is 130. SIGTERM closes
 * gracefully too.
 */
@Command(
    name = "restaurant",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the restaurant: a supervisor actor with workers (cooks), delivery and dish-retrieval actors.",
      "Orders flow worker -> delivery -> customer -> dish-retrieval, every step a message and a timer.",
      "Flags override brigade.restaurant.* in the config; simulated durations are multiplied by --time-scale.",
      "Ctrl-C closes (orders in flight finish within --close-timeout); Ctrl-C again stops now. Exit code 130."
    })
public final class RestaurantCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin(name = "config")
  ConfigOptions config;

  @Option(names = "--workers", paramLabel = "N", description = "Kitchen workers (cooks), >= 1.")
  String workers;

  @Option(names = "--delivery", paramLabel = "N", description = "Delivery actors, >= 1.")
  String delivery;

  @Option(names = "--retrieval", paramLabel = "N", description = "Dish-retrieval actors, >= 1.")
  String retrieval;

  @Option(names = "--orders", paramLabel = "N", description = "Orders that arrive at once (when --rate is 0), 0..1000000000; taken in as the book has room.")
  String orders;

  @Option(names = "--rate", paramLabel = "PER_S", description = "Orders per simulated second; 0 = --orders at once.")
  String rate;

  @Option(names = "--duration", paramLabel = "TIME", description = "With --rate: how long orders come (simulated), e.g. 10s.")
  String duration;

  @Option(names = "--dishes", paramLabel = "N", description = "Clean dishes in stock; a cooked order waits for one.")
  String dishes;

  @Option(names = "--time-scale", paramLabel = "X", description = "Multiplies every simulated duration (> 0), to the nanosecond: 0.01 runs 100x faster.")
  String timeScale;

  @Option(names = "--cook-time", paramLabel = "TIME", description = "Time to cook one order (simulated).")
  String cookTime;

  @Option(names = "--delivery-time", paramLabel = "TIME", description = "Time to carry a dish to its table (simulated).")
  String deliveryTime;

  @Option(names = "--eating-time", paramLabel = "TIME", description = "Time a customer eats (simulated).")
  String eatingTime;

  @Option(names = "--retrieval-time", paramLabel = "TIME", description = "Time to bring a used dish back (simulated).")
  String retrievalTime;

  @Option(names = "--work-interval", paramLabel = "TIME", description = "A worker's periodic overwork announcement (simulated).")
  String workInterval;

  @Option(names = "--fault-rate", paramLabel = "P", description = "Chance in [0, 1) that a staff actor throws on a task (it is restarted, the order re-sent).")
  String faultRate;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the fault coin.")
  String seed;

  @Option(names = "--close-timeout", paramLabel = "TIME", description = "Closing waits this long (wall time) for orders in flight, then cancels the rest.")
  String closeTimeout;

  @Option(names = "--order-log", paramLabel = "on|off|auto", description = "Log each order's steps at INFO (auto: up to 50 orders).")
  String orderLog;

  @Option(names = "--hard-stop", paramLabel = "NAME@TIME",
      description = "Hard-stop one staff actor (context.stop) this long (wall time) after opening, e.g. worker-1@500ms; repeatable.")
  java.util.List<String> hardStops = new java.util.ArrayList<>();

  @Option(names = "--terminate-after", paramLabel = "TIME",
      description = "Hard-stop the whole restaurant (like a process's terminate()) after this wall time.")
  String terminateAfter;

  @Option(names = "--json", description = "Print the summary as one JSON object.")
  boolean json;

  @picocli.CommandLine.Mixin brigade.cli.TraceOptions tracing; // --trace, --timeline

  @Override
  public Integer call() throws Exception {
    String p = RestaurantSettings.PREFIX + ".";
    Config cfg = config.load(tracing.addTo(new Flags())
        .put(p + "workers", "--workers", workers)
        .put(p + "delivery", "--delivery", delivery)
        .put(p + "retrieval", "--retrieval", retrieval)
        .put(p + "orders", "--orders", orders)
        .put(p + "rate", "--rate", rate)
        .put(p + "duration", "--duration", duration)
        .put(p + "dishes", "--dishes", dishes)
        .put(p + "time-scale", "--time-scale", timeScale)
        .put(p + "cook-time", "--cook-time", cookTime)
        .put(p + "delivery-time", "--delivery-time", deliveryTime)
        .put(p + "eating-time", "--eating-time", eatingTime)
        .put(p + "retrieval-time", "--retrieval-time", retrievalTime)
        .put(p + "work-interval", "--work-interval", workInterval)
        .put(p + "fault-rate", "--fault-rate", faultRate)
        .put(p + "seed", "--seed", seed)
        .put(p + "close-timeout", "--close-timeout", closeTimeout)
        .put(p + "order-log", "--order-log", orderLog)
        .asMap());
    RestaurantSettings settings = RestaurantSettings.from(cfg); // a bad value stops here: exit 2, one line
    PrintWriter out = spec.commandLine().getOut();
    java.util.Map<String, java.time.Duration> stops = new java.util.LinkedHashMap<>();
    for (String h : hardStops) {
      int at = h.lastIndexOf('@');
      String name = at < 0 ? h : h.substring(0, at);
      if (!staffNames(settings).contains(name)) {
        throw new brigade.UserError("--hard-stop '" + h + "': no staff actor named '" + name + "' (expected one of "
            + String.join(", ", staffNames(settings)) + ", optionally followed by @TIME such as @500ms)");
      }
      stops.put(name, at < 0 ? java.time.Duration.ZERO : wallTime("--hard-stop", h, h.substring(at + 1)));
    }
    java.time.Duration terminate = terminateAfter == null ? null : wallTime("--terminate-after", terminateAfter, terminateAfter);
    // The trace file and the picture's path are checked (and the trace opened) before the restaurant opens.
    TraceOutput traced = TraceOutput.open(cfg, tracing.timeline());

    // Process.start(): the restaurant is the one child of the actor system's guardian (its log lines say
    // /user/restaurant); the guardian passes every command on to it.
    AtomicLong served = new AtomicLong();
    Restaurant.Options options =
        new Restaurant.Options(settings.faults(), null, System::nanoTime, served).withTracer(traced.tracer());
    AtomicBoolean interrupted = new AtomicBoolean();
    PrintWriter err = spec.commandLine().getErr();
    // Ctrl-C: the first closes (orders in flight finish, within close-timeout), the second stops now. Handled from
    // before the restaurant opens (its staff start with the actor system): a Ctrl-C that comes while the system
    // starts is kept and acted on as soon as there is a restaurant to close.
    java.util.concurrent.atomic.AtomicReference<ActorSystem<Restaurant.Command>> open =
        new java.util.concurrent.atomic.AtomicReference<>();
    Interrupts ctrlC = Interrupts.install(
        () -> {
          interrupted.set(true);
          synchronized (open) {
            if (open.get() != null) closeOnCtrlC(open.get(), settings, err);
          }
        },
        () -> {
          interrupted.set(true);
          synchronized (open) {
            if (open.get() != null) stopOnCtrlC(open.get(), err);
          }
        });
    ActorSystem<Restaurant.Command> system = LocalActorSystem.create(front(settings, options), "brigade", cfg);
    synchronized (open) { // a Ctrl-C is acted on either here (it came while the system started) or by its handler
      open.set(system);
      if (ctrlC.count() == 1) closeOnCtrlC(system, settings, err);
      if (ctrlC.count() > 1) stopOnCtrlC(system, err);
    }
    CompletableFuture<Summary> result = new CompletableFuture<>();
    CompletableFuture<Done> printed = new CompletableFuture<>();
    AtomicBoolean finished = new AtomicBoolean();
    // SIGTERM (kill, a service manager): the JVM's shutdown runs Akka's; close gracefully within its phase, and
    // hold the shutdown until the summary is printed.
    CoordinatedShutdown.get(system).addTask(
        CoordinatedShutdown.PhaseBeforeServiceUnbind(), "close-restaurant", () -> {
          if (!finished.get()) {
            interrupted.set(true);
            system.tell(new Restaurant.Close(closeWithin(settings, cfg)));
          }
          return printed;
        });
    system.getWhenTerminated().thenRun(() ->
        result.completeExceptionally(new IllegalStateException("the actor system ended before the restaurant closed")));
    // The way out of the actor world: a tiny actor that completes a future with the summary.
    ActorRef<Summary> report = system.systemActorOf(Behaviors.<Summary>receiveMessage(s -> {
      result.complete(s);
      return Behaviors.stopped();
    }), "restaurant-report", Props.empty());
    system.tell(new Restaurant.WhenClosed(report));
    // terminate(), the process way: scheduled hard stops, reported as such by the restaurant.
    stops.forEach((name, after) -> system.scheduler().scheduleOnce(after,
        () -> system.tell(new Restaurant.HardStop(name)), system.executionContext()));
    if (terminate != null) {
      system.scheduler().scheduleOnce(terminate, () -> system.tell(new Restaurant.Terminate()), system.executionContext());
    }
    ProgressDisplay bar = ProgressDisplay.start("restaurant: orders served", settings.expectedOrders(), served::get);
    try {
      Summary summary;
      try {
        summary = result.get();
      } catch (java.util.concurrent.ExecutionException e) {
        bar.close();
        say(err, "restaurant: " + e.getCause().getMessage());
        return interrupted.get() ? Main.EXIT_INTERRUPTED : Main.EXIT_FAILED;
      }
      bar.close(); // the bar's last line before the summary, not in the middle of it
      TraceOutput.Finished seen = traced.finish(title());
      // Which files configured the run, so a summary kept for later says what it was built from.
      brigade.config.BrigadeConfig.Sources sources = brigade.config.BrigadeConfig.sources(cfg);
      if (json) {
        com.fasterxml.jackson.databind.node.ObjectNode j = Json.mapper().valueToTree(summary);
        j.set("config", Json.mapper().valueToTree(sources));
        if (seen.trace() != null) j.set("trace", Json.mapper().valueToTree(seen.toJson()));
        out.print(Json.write(j) + System.lineSeparator());
      } else {
        out.print(summary.toText() + System.lineSeparator() + sources.toText() + System.lineSeparator()
            + seen.toText());
      }
      out.flush();
      if (seen.error() != null) { // the summary is printed above; the trace or picture is what failed
        say(err, "restaurant: failed: " + seen.error());
        return Main.EXIT_FAILED;
      }
    } finally {
      traced.finish(title()); // however the run ended, the trace is a complete file
      bar.close();
      ctrlC.close(); // Ctrl-C is the JVM's again (the demo runs further commands in this JVM)
      finished.set(true);
      printed.complete(Done.getInstance());
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    return interrupted.get() ? Main.EXIT_INTERRUPTED : Main.EXIT_OK;
  }

  /** The first Ctrl-C: close, letting orders in flight finish within close-timeout, and say what it waits for. */
  private static void closeOnCtrlC(ActorSystem<Restaurant.Command> system, RestaurantSettings settings,
      PrintWriter err) {
    AskPattern.<Restaurant.Command, Restaurant.Closing>ask(system,
            replyTo -> new Restaurant.Close(settings.closeTimeout(), replyTo),
            java.time.Duration.ofSeconds(5), system.scheduler())
        .thenAccept(c -> say(err, closingLine(c)));
  }

  /** The second Ctrl-C: stop now; orders not served are cancelled. */
  private static void stopOnCtrlC(ActorSystem<Restaurant.Command> system, PrintWriter err) {
    say(err, "stopping now: orders not served are cancelled");
    system.tell(new Restaurant.Close(java.time.Duration.ZERO));
  }

  private String title() {
    return brigade.cli.TraceOptions.title(spec);
  }

  /** The actor system's guardian: spawns the restaurant as "restaurant" and passes every command on to it. */
  static Behavior<Restaurant.Command> front(RestaurantSettings settings, Restaurant.Options options) {
    return Behaviors.setup(ctx -> {
      ActorRef<Restaurant.Command> restaurant = ctx.spawn(Restaurant.create(settings, options), "restaurant");
      return Behaviors.receiveMessage(m -> {
        restaurant.tell(m);
        return Behaviors.same();
      });
    });
  }

  /** What the first Ctrl-C waits for, e.g. "closing: 37 orders in flight, up to 5 s; Ctrl-C again to stop now". */
  static String closingLine(Restaurant.Closing c) {
    if (c.stoppingNow()) return "closing: already stopping";
    long ms = c.within().toMillis();
    String upTo = ms >= 1000 && ms % 1000 == 0 ? ms / 1000 + " s"
        : ms >= 1000 ? String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0) : ms + " ms";
    return "closing: " + c.inFlight() + " order" + (c.inFlight() == 1 ? "" : "s") + " in flight, up to " + upTo
        + "; Ctrl-C again to stop now";
  }

  private static void say(PrintWriter err, String line) {
    err.println(line);
    err.flush();
  }

  static java.util.List<String> staffNames(RestaurantSettings s) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int i = 1; i <= s.workers(); i++) names.add("worker-" + i);
    for (int i = 1; i <= s.delivery(); i++) names.add("delivery-" + i);
    for (int i = 1; i <= s.retrieval(); i++) names.add("retrieval-" + i);
    return names;
  }

  private static java.time.Duration wallTime(String flag, String given, String time) {
    if (brigade.config.SettingsReader.isBareNumber(time)) { // would be read as milliseconds
      throw new brigade.UserError(flag + " '" + given
          + "': expected a duration >= 0 with a unit, such as 250ms, 2s or 1m (a bare number has no unit)");
    }
    try {
      java.time.Duration d = com.typesafe.config.ConfigFactory.parseMap(java.util.Map.of("t", time)).getDuration("t");
      if (!d.isNegative()) return d;
    } catch (com.typesafe.config.ConfigException e) {
      // fall through to the one-line error
    }
    throw new brigade.UserError(flag + " '" + given + "': expected a duration >= 0 such as 250ms, 2s or 1m");
  }

  /**
   * On Ctrl-C, closing must end (and the summary be printed) before Akka's shutdown phase gives up on us:
   * the orders in flight get close-timeout, or the phase's timeout less a second for printing, if shorter.
   */
  static java.time.Duration closeWithin(RestaurantSettings settings, Config cfg) {
    String phase = "akka.coordinated-shutdown.phases.before-service-unbind.timeout";
    java.time.Duration phaseTimeout = cfg.hasPath(phase) ? cfg.getDuration(phase)
        : cfg.getDuration("akka.coordinated-shutdown.default-phase-timeout");
    java.time.Duration room = phaseTimeout.minusSeconds(1);
    if (room.compareTo(java.time.Duration.ofMillis(100)) < 0) room = java.time.Duration.ofMillis(100);
    return settings.closeTimeout().compareTo(room) < 0 ? settings.closeTimeout() : room;
  }
}
