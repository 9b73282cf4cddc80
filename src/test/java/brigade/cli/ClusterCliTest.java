package brigade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad cluster flags stop `node` and `primes --cluster` with one line and exit 2, before any node starts. */
class ClusterCliTest {
  @Test
  void nodeRejectsBadFlags() {
    CliRun r = CliRun.of("node", "--port", "70000", "--join", "127.0.0.1:25520");
    assertEquals(2, r.exitCode());
    assertEquals(List.of("brigade node: invalid setting brigade.cluster.port = 70000 (from flag --port): "
        + "expected a whole number from 0 to 65535"), r.errLines());

    r = CliRun.of("node", "--port", "25521", "--join", "127.0.0.1");
    assertEquals(2, r.exitCode());
    assertEquals(List.of("brigade node: invalid setting brigade.cluster.seed-nodes = '127.0.0.1' (from flag --join): "
        + "expected a non-empty list of host:port such as 127.0.0.1:25520 (port 1 to 65535)"), r.errLines());

    r = CliRun.of("node", "--port", "25521", "--join", "127.0.0.1:25520", "--pool-size", "0");
    assertEquals(2, r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
  }

  @Test
  void primesClusterFlagsAreValidatedAndNeedCluster() {
    CliRun r = CliRun.of("primes", "check", "97", "--min-workers", "0", "--cluster");
    assertEquals(2, r.exitCode());
    assertEquals(List.of("brigade primes check: invalid setting brigade.cluster.min-workers = 0 (from flag "
        + "--min-workers): expected a whole number >= 1"), r.errLines());

    r = CliRun.of("primes", "check", "97", "--port", "25520");
    assertEquals(2, r.exitCode());
    assertEquals(List.of("brigade primes check: --port only applies to cluster jobs: add --cluster"), r.errLines());
  }
}
