package brigade.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import brigade.report.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * As a user runs it, from the built jar: two worker nodes and a coordinator on 127.0.0.1 (free ports), one worker
 * killed with SIGKILL mid-job. The job still completes, exit 0, the CSV has every number exactly once and equals a
 * local run's, and the report names the lost node. Every process is destroyed in the end, whatever happens.
 */
class ClusterJarIT {
  private static final String LOOPBACK = "127.0.0.1";
  /** Long enough (trial division) that the kill surely lands mid-job, short enough for the suite. */
  private static final List<String> JOB = List.of("primes", "factor", "--random", "300000", "--seed", "5",
      "--algorithm", "trial", "--batch-size", "500", "--no-baseline");

  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void killingAWorkerNodeMidJobLosesNoNumber() throws Exception {
    int[] ports = freePorts(3);
    String seed = LOOPBACK + ":" + ports[0];
    try {
      Process local = start("local", with(JOB, "--output", dir.resolve("local.csv").toString()));

      Process w1 = start("worker1", List.of("node", "--host", LOOPBACK, "--port", "" + ports[1], "--join", seed,
          "--pool-size", "2"));
      Process w2 = start("worker2", List.of("node", "--host", LOOPBACK, "--port", "" + ports[2], "--join", seed,
          "--pool-size", "2"));
      Process coordinator = start("coordinator", with(JOB, "--output", dir.resolve("cluster.csv").toString(), "--json",
          "--cluster", "--host", LOOPBACK, "--port", "" + ports[0], "--join", seed, "--min-workers", "4",
          "--trace", "cluster.json"));

      // Once the job runs on all four workers and results are coming in, worker 1 dies without a word.
      awaitLog("coordinator", "4 prime workers available: starting", Duration.ofSeconds(60));
      awaitGrowing(dir.resolve("cluster.csv"), Duration.ofSeconds(30));
      assertTrue(coordinator.isAlive(), "the job must still be running when the worker is killed");
      w1.destroyForcibly(); // SIGKILL on Linux: kill -9
      w1.waitFor(10, TimeUnit.SECONDS);

      assertTrue(coordinator.waitFor(90, TimeUnit.SECONDS), "coordinator finished\n" + log("coordinator"));
      assertEquals(0, coordinator.exitValue(), log("coordinator"));
      assertTrue(local.waitFor(60, TimeUnit.SECONDS), "local run finished");
      assertEquals(0, local.exitValue(), log("local"));

      List<String> expected = Files.readAllLines(dir.resolve("local.csv"));
      List<String> actual = Files.readAllLines(dir.resolve("cluster.csv"));
      assertEquals(300_001, expected.size(), "header + one line per number");
      assertEquals(expected, actual, "the cluster's CSV equals the local run's (every number once, in order)");

      JsonNode report = Json.mapper().readTree(Files.readString(dir.resolve("coordinator.out")));
      assertEquals(300_000, report.get("numbersOut").asLong());
      assertEquals(0, report.get("numbersFailed").asLong());
      JsonNode cluster = report.get("cluster");
      assertEquals(0, cluster.get("numbersLost").asLong());
      assertEquals(LOOPBACK + ":" + ports[1], cluster.get("lostNodes").get(0).get("node").asText(), cluster.toString());
      assertTrue(cluster.get("lostNodes").get(0).get("batchesResent").asLong() >= 1, cluster.toString());
      assertTrue(cluster.get("batchesResent").asLong() >= 1, cluster.toString());
      assertTrue(w2.isAlive(), "the surviving worker node stays up");
      // One trace shows every node: each worker node a process with its workers' tracks; the lost one marked.
      brigade.trace.TraceCheck trace = brigade.trace.TraceCheck.of(dir.resolve("cluster.json"));
      assertTrue(trace.processNames().values().containsAll(List.of("node " + LOOPBACK + ":" + ports[1],
          "node " + LOOPBACK + ":" + ports[2])), trace.processNames().toString());
      assertTrue(trace.events.stream().anyMatch(e -> e.get("name").asText().startsWith("worker lost")),
          "the lost workers are marked");
      assertTrue(trace.other("clock " + LOOPBACK + ":" + ports[2]).asText().startsWith("offset "));
      assertEquals(report.get("trace").get("events").asLong(), trace.other("events").asLong());
    } finally {
      for (Process p : processes) p.destroyForcibly();
      for (Process p : processes) p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Process start(String name, List<String> args) throws IOException {
    String jar = System.getProperty("brigade.jar");
    assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "system property brigade.jar must name the built jar");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", jar));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(dir.resolve(name + ".out").toFile())
        .redirectError(dir.resolve(name + ".err").toFile())
        .start();
    processes.add(p);
    return p;
  }

  private static List<String> with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  private String log(String name) throws IOException {
    Path err = dir.resolve(name + ".err");
    List<String> lines = Files.exists(err) ? Files.readAllLines(err) : List.of();
    return "---- " + name + " stderr (last 40 lines) ----\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private void awaitLog(String name, String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Path err = dir.resolve(name + ".err");
    while (System.nanoTime() < deadline) {
      if (Files.exists(err) && Files.readString(err).contains(text)) return;
      Thread.sleep(100);
    }
    throw new AssertionError("no '" + text + "' from " + name + " within " + timeout + "\n" + log(name));
  }

  private void awaitGrowing(Path file, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.size(file) > 64 * 1024) return;
      Thread.sleep(50);
    }
    throw new AssertionError("no results written to " + file + " within " + timeout + "\n" + log("coordinator"));
  }

  /** Free loopback ports, held open together so they are distinct, then released for the nodes. */
  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) s.close();
    }
  }
}
