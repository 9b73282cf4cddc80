package brigade.cluster;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.Cluster;
import brigade.primes.JobResult;
import brigade.primes.WorkerSource;
import com.typesafe.config.Config;

/**
 * The coordinator side of a cluster job ({@code primes ... --cluster}): its actor system is a cluster node with
 * role {@code coordinator} that joins (or founds) the cluster, its workers come from every worker node through
 * the Receptionist, and its report adds the per-node breakdown and lost nodes. Closing it leaves the cluster
 * gracefully, so the worker nodes see the coordinator go and stay up for the next job.
 */
public final class ClusterCoordinator implements AutoCloseable {
  private final ClusterSettings settings;
  private final ActorSystem<Void> system;
  private final ClusterJobLog log = new ClusterJobLog();

  private ClusterCoordinator(ClusterSettings settings, ActorSystem<Void> system) {
    this.settings = settings;
    this.system = system;
  }

  /** Starts the coordinator's node from the run's config (validated {@code brigade.cluster} over it) and joins. */
  public static ClusterCoordinator start(Config config) {
    ClusterSettings settings = ClusterSettings.from(config);
    Config full = settings.clusterConfig(ClusterSettings.COORDINATOR_ROLE, config);
    ActorSystem<Void> system = NodeRunner.start(settings, full, Behaviors.empty(), true);
    NodeRunner.join(system, settings);
    return new ClusterCoordinator(settings, system);
  }

  /** A cluster job's workers always pull their batches (credit per worker), whatever dispatch was configured. */
  public static brigade.primes.JobSpec pulling(brigade.primes.JobSpec s) {
    return s.withDispatch(brigade.primes.Dispatch.PULL);
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public ClusterSettings settings() {
    return settings;
  }

  /** The job's workers: every prime worker registered in the cluster; the job waits for {@code min-workers}. */
  public WorkerSource workers() {
    return PrimeWorkers.clusterWorkers(settings.minWorkers(), log);
  }

  /**
   * The cluster's workers for a {@link brigade.primes.JobSession}: every prime worker registered in the cluster,
   * always pulling; the job waits for {@code min-workers}, and is timed once (its workers are not on this machine).
   */
  public brigade.primes.JobSession.Workers sessionWorkers() {
    WorkerSource source = workers();
    return new brigade.primes.JobSession.Workers() {
      @Override
      public brigade.primes.JobRun start(brigade.primes.JobSpec spec, brigade.primes.NumberSource input,
          brigade.primes.ResultSink sink, brigade.primes.ProgressListener listener) {
        return brigade.primes.PrimeKitchen.start(system, spec, input, sink, progress(listener), source);
      }

      @Override
      public brigade.primes.JobSpec adapt(brigade.primes.JobSpec spec) {
        return pulling(spec);
      }

      @Override
      public boolean local() {
        return false;
      }

      @Override
      public java.time.Duration startup() {
        return null;
      }
    };
  }

  /** The job's progress listener, also noting for the report which workers were lost and their re-sent batches. */
  public brigade.primes.ProgressListener progress(brigade.primes.ProgressListener progress) {
    return new brigade.primes.ProgressListener() {
      @Override
      public void answered(long numbersAnswered) {
        progress.answered(numbersAnswered);
      }

      @Override
      public void workerLost(String workerName, String node, int batchesResent) {
        log.workerLost(node, batchesResent);
        progress.workerLost(workerName, node, batchesResent);
      }

      @Override
      public brigade.trace.Tracer tracer() {
        return progress.tracer(); // the job's trace, through this wrapper
      }
    };
  }

  /** This node's {@code host:port}. */
  public String address() {
    akka.actor.Address a = Cluster.get(system).selfMember().address();
    return a.getHost().orElse(settings.host()) + ":" + a.getPort().orElse(settings.port());
  }

  /** The cluster part of the job's report; call once the job is over. */
  public ClusterReport report(JobResult result) {
    log.close();
    return ClusterReport.of(address(), settings.minWorkers(), result, log);
  }

  /** Leaves the cluster and stops the node (waits up to a while for the graceful leave). */
  @Override
  public void close() {
    log.close();
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      // leaving is best effort: the worker nodes' split-brain resolver downs a coordinator that vanished
    }
  }
}
