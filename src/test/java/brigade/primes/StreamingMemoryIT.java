package brigade.primes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A job streams through bounded memory: 5,000,000 numbers through a JVM with a 40 MB heap, far too small to hold
 * a per-number object for each of them (results are handed to the sink and forgotten).
 */
class StreamingMemoryIT {
  private static final int N = 5_000_000;

  @ParameterizedTest
  @EnumSource(Dispatch.class)
  void fiveMillionNumbersStreamThroughAFortyMegabyteHeap(Dispatch dispatch) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process p = new ProcessBuilder(java, "-Xmx40m", "-cp", System.getProperty("java.class.path"),
        StreamingMemoryCheck.class.getName(), Integer.toString(N), dispatch.name())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      assertTrue(p.waitFor(4, TimeUnit.MINUTES), "the child JVM did not finish");
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      assertEquals(0, p.exitValue(), "child exit code; stdout: " + out);
      List<String> lines = out.lines().toList();
      assertEquals(N + " " + primesUpTo(N), lines.get(lines.size() - 1));
    } finally {
      p.destroyForcibly();
    }
  }

  private static int primesUpTo(int n) {
    BitSet composite = new BitSet(n + 1);
    int count = 0;
    for (int i = 2; i <= n; i++) {
      if (composite.get(i)) continue;
      count++;
      for (long j = (long) i * i; j <= n; j += i) composite.set((int) j);
    }
    return count;
  }
}
