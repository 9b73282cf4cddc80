package brigade.cli;

import picocli.CommandLine;

/** The subcommands of `brigade`, one line each, in the order `--help` lists them. */
final class Subcommands {
  private Subcommands() {}

  static void register(CommandLine cl) {
    cl.addSubcommand(new brigade.restaurant.RestaurantCommand());
    cl.addSubcommand(new PrimesCommand());
    cl.addSubcommand(new BenchCommand());
    cl.addSubcommand(new NodeCommand());
  }
}
