package brigade.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run behind {@code target/brigade.jsa}, the class-data sharing archive the build writes beside the
 * jar: the build runs this class once with {@code -XX:ArchiveClassesAtExit}, and the {@code target/brigade} launcher
 * hands the archive to every later run, which then maps those classes instead of loading, parsing and verifying
 * them (start-up roughly halves).
 *
 * <p>The archive holds the classes loaded here, so these command lines touch what users run first: a restaurant
 * service, a small primality job with its baseline, and a factorisation read from a file and written to a CSV with
 * the {@code fast} algorithm. A command that fails fails the build: an archive of a broken run would be a lie.
 */
public final class ClassDataTraining {
  private ClassDataTraining() {}

  /**
   * Runs the training commands, each through {@link Main#run} as a user's command line would.
   *
   * @param args unused
   * @throws IOException if the scratch directory cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path scratch = Files.createTempDirectory("brigade-cds");
    int code;
    try {
      code = train(scratch);
    } finally {
      try (var files = Files.list(scratch)) {
        for (Path file : files.toList()) Files.deleteIfExists(file);
      }
      Files.deleteIfExists(scratch);
    }
    System.exit(code);
  }

  private static int train(Path scratch) throws IOException {
    Path numbers = scratch.resolve("numbers.txt");
    Files.writeString(numbers, "97\n1099726899285419\n112272535095293\n600851475143\n");
    List<List<String>> commands = List.of(
        List.of("--version"),
        List.of("restaurant", "--orders", "20", "--time-scale", "0.001"),
        List.of("primes", "check", "97", "1099726899285419"),
        List.of("primes", "factor", "--file", numbers.toString(), "--algorithm", "fast", "--no-baseline",
            "--output", scratch.resolve("out.csv").toString()));
    for (List<String> command : commands) {
      int code = Main.run(command.toArray(String[]::new));
      if (code != Main.EXIT_OK) {
        System.err.println("class-data training: `brigade " + String.join(" ", command) + "` exited " + code);
        return code;
      }
    }
    return Main.EXIT_OK;
  }
}
