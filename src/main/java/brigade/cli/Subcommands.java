package brigade.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** The subcommands of `brigade`, one line each, in the order `--help` lists them. */
final class Subcommands {
  private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("restaurant", brigade.restaurant.RestaurantCommand::new);
    ALL.put("primes", PrimesCommand::new);
    ALL.put("bench", BenchCommand::new);
    ALL.put("node", NodeCommand::new);
  }

  private Subcommands() {}

  /** Registers every subcommand. */
  static void register(CommandLine cl) {
    ALL.values().forEach(command -> cl.addSubcommand(command.get()));
  }

  /**
   * Registers only the subcommand the command line starts with, when it starts with one (picocli builds each
   * command's model by reflection, ~10–60 ms of start-up apiece), else every subcommand: the top-level help, the
   * demonstration and a mistyped name (picocli's suggestion) need them all.
   *
   * @param args the command line as given
   */
  static void register(CommandLine cl, String[] args) {
    Supplier<Object> first = args.length > 0 ? ALL.get(args[0]) : null;
    if (first != null) cl.addSubcommand(first.get());
    else register(cl);
  }
}
