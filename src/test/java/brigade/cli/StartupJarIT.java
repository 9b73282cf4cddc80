package brigade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** What a run pays for at start-up: the classes it loads, and the launcher's class-data archive. */
class StartupJarIT {
  /** Classes only a cluster node needs: remoting, the cluster, and Jackson (its serializers). */
  private static final Pattern CLUSTER_ONLY =
      Pattern.compile("^(akka\\.cluster\\.|akka\\.remote\\.|akka\\.serialization\\.jackson\\.|com\\.fasterxml\\.jackson\\.)");

  @TempDir Path dir;

  private static Path jar() {
    String jar = System.getProperty("brigade.jar");
    assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "system property brigade.jar: " + jar);
    return Path.of(jar);
  }

  /**
   * A JVM of its own settings only: options from the environment would show in its report's JVM options (and JDK's
   * "Picked up ..." note on stderr).
   */
  private static ProcessBuilder clean(ProcessBuilder pb) {
    pb.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
    return pb;
  }

  private String run(ProcessBuilder pb) throws Exception {
    clean(pb);
    pb.directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + pb.command());
    }
    String out = Files.readString(dir.resolve("out.txt"));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  /** The class names a class-load log lists, each with where it came from. */
  private static List<String[]> loaded(Path log) throws Exception {
    List<String[]> classes = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      // [info][class,load] akka.actor.ActorSystem source: shared objects file (top)
      int tags = line.lastIndexOf("] ");
      if (tags < 0) continue;
      String rest = line.substring(tags + 2);
      int space = rest.indexOf(' ');
      if (space < 0) continue;
      classes.add(new String[] {rest.substring(0, space), rest.substring(space + 1)});
    }
    return classes;
  }

  @Test
  void aLocalRunLoadsNoClusterRemotingOrJacksonClasses() throws Exception {
    Path log = dir.resolve("classes.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String out = run(new ProcessBuilder(java, "-Xlog:class+load=info:file=" + log, "-jar", jar().toString(),
        "primes", "check", "97", "--no-baseline"));
    assertTrue(out.contains("97 is prime: true"), out);
    assertTrue(!out.contains("JVM options"), "plain java -jar: no option that moves timings: " + out);
    List<String[]> classes = loaded(log);
    assertTrue(classes.size() > 1000, "the log lists the classes loaded: " + classes.size());
    List<String> clusterOnly = classes.stream().map(c -> c[0]).filter(c -> CLUSTER_ONLY.matcher(c).find()).toList();
    assertEquals(List.of(), clusterOnly);
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void theLauncherRunsTheJarOnItsClassDataArchive() throws Exception {
    Path launcher = jar().resolveSibling("brigade");
    assertTrue(Files.isExecutable(launcher), "the build writes " + launcher);
    assertTrue(Files.isRegularFile(jar().resolveSibling("brigade.jsa")), "and its archive beside the jar");
    Path log = dir.resolve("classes.log");
    ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "primes", "check", "97", "--no-baseline");
    pb.environment().put("BRIGADE_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
    String out = run(pb);
    assertTrue(out.contains("97 is prime: true"), out);
    String[] main = loaded(log).stream().filter(c -> c[0].equals("brigade.cli.Main")).findFirst().orElseThrow();
    assertTrue(main[1].contains("shared objects file"), "brigade.cli.Main came from " + main[1]);
    // The report names the options that move its timings (the archive's and -Xlog's are start-up only).
    assertTrue(out.contains("; JVM options: -XX:Tier4InvocationThreshold=100000 -XX:Tier4MinInvocationThreshold=100000"
        + " -XX:Tier4CompileThreshold=100000\n"), out);
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void theLauncherKeepsC2ForHotMethodsAndBrigadeJavaOptsCanSetItBack() throws Exception {
    Path launcher = jar().resolveSibling("brigade");
    ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--version");
    pb.environment().put("BRIGADE_JAVA_OPTS", "-XX:+PrintFlagsFinal");
    String out = run(pb);
    assertTrue(out.contains("brigade "), out.lines().filter(l -> l.startsWith("brigade")).toList().toString());
    assertEquals("100000", flag(out, "Tier4InvocationThreshold"));
    assertEquals("100000", flag(out, "Tier4CompileThreshold"));
    assertEquals("100000", flag(out, "Tier4MinInvocationThreshold"));
    // After the launcher's own options: a user's setting wins.
    pb.environment().put("BRIGADE_JAVA_OPTS", "-XX:Tier4InvocationThreshold=5000 -XX:+PrintFlagsFinal");
    assertEquals("5000", flag(run(pb), "Tier4InvocationThreshold"));
  }

  /** A flag's value in -XX:+PrintFlagsFinal's table: "intx Tier4InvocationThreshold = 100000 {product} ...". */
  private static String flag(String printed, String name) {
    return printed.lines().map(String::trim).filter(l -> l.matches("\\S+\\s+" + name + "\\s+=.*")).findFirst()
        .map(l -> l.replaceAll("^\\S+\\s+" + name + "\\s+=\\s+(\\S+).*$", "$1")).orElse("(not listed)");
  }

  @Test
  void theJarsMergedReferenceConfParsesWithoutItsCommentsToWhatTypesafeConfigReads() throws Exception {
    // Only the shaded jar, not the test class path: its one merged reference.conf (and version.conf, included).
    java.net.URL[] jarUrl = {jar().toUri().toURL()};
    try (java.net.URLClassLoader jarOnly = new java.net.URLClassLoader(jarUrl, null)) {
      java.net.URL merged = jarOnly.getResource("reference.conf");
      String text;
      try (java.io.InputStream in = merged.openStream()) {
        text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      assertTrue(!text.contains("\"\"\""), "no triple-quoted string, so ReferenceConfig strips its comments");
      assertEquals(com.typesafe.config.ConfigFactory.defaultReference(jarOnly).root(),
          brigade.config.ReferenceConfig.load(jarOnly).root());
    }
  }

  @Test
  void aSystemPropertyThatBreaksAkkasReferenceSettingsIsOneLine() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = clean(new ProcessBuilder(java, "-Dakka.stream=x", "-jar", jar().toString(), "primes", "check",
        "97"));
    pb.directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("bad.txt").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ends");
    String out = Files.readString(dir.resolve("bad.txt"));
    assertEquals(2, p.exitValue(), out);
    assertTrue(out.startsWith("brigade primes check: configuration: reference.conf @ jar:file:")
        && out.contains("${akka.stream.materializer}") && !out.contains("Exception"), out);
    assertEquals(1, out.lines().count(), out);
  }
}
