package brigade.testkit;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.ManualTime;
import brigade.config.BrigadeConfig;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link BrigadeTestKit}. Akka's testkit ships JUnit 4 rules only
 * ({@code TestKitJunitResource}, {@code LogCapturing}); this is their JUnit 5 counterpart.
 */
public final class ActorTestKitExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterTestExecutionCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ActorTestKitExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    CapturingAppender.installIfUnconfigured();
    kit(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    CapturingAppender.clear();
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      CapturingAppender.flush("Log of failed test " + context.getDisplayName()
          + " (" + context.getRequiredTestClass().getSimpleName() + ")");
    } else {
      CapturingAppender.clear();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    Class<?> type = p.getParameter().getType();
    return type == ActorTestKit.class || (type == ManualTime.class && settings(e).manualTime());
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    Class<?> type = p.getParameter().getType();
    ActorTestKit kit = kit(e).testKit();
    if (type == ActorTestKit.class) return kit;
    if (type == ManualTime.class) return ManualTime.get(kit.system());
    throw new ParameterResolutionException("cannot inject " + type);
  }

  /** The class-wide kit, created on first use and shut down when the class's context closes. */
  private static Kit kit(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    return classContext
        .getStore(NS)
        .getOrComputeIfAbsent(Kit.class, k -> Kit.start(classContext, settings(classContext)), Kit.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) c = c.getParent().get();
    return c;
  }

  private static BrigadeTestKit settings(ExtensionContext context) {
    Class<?> cls = context.getRequiredTestClass();
    for (Class<?> c = cls; c != null; c = c.getEnclosingClass()) {
      BrigadeTestKit a = c.getAnnotation(BrigadeTestKit.class);
      if (a != null) return a;
    }
    throw new IllegalStateException(cls + " uses ActorTestKitExtension without @BrigadeTestKit");
  }

  private record Kit(ActorTestKit testKit) implements AutoCloseable {
    static Kit start(ExtensionContext context, BrigadeTestKit settings) {
      Config config = ConfigFactory.parseString(settings.config()).withFallback(BrigadeConfig.defaults());
      if (settings.manualTime()) config = ManualTime.config().withFallback(config);
      String name = context.getRequiredTestClass().getSimpleName().replaceAll("[^A-Za-z0-9]", "");
      return new Kit(ActorTestKit.create(name, config.resolve()));
    }

    @Override
    public void close() {
      testKit.shutdownTestKit();
    }
  }
}
