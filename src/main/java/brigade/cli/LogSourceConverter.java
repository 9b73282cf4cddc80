package brigade.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback conversion word {@code %who}: the actor's path when the line comes from an actor (Akka puts it in the
 * MDC as {@code akkaSource}), else the logger's simple name. Logback's {@code %X{key:-default}} cannot take
 * another conversion as its default, hence this.
 */
public final class LogSourceConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    String source = event.getMDCPropertyMap().get("akkaSource");
    if (source != null && !source.isEmpty()) return source;
    String logger = event.getLoggerName();
    return logger.substring(logger.lastIndexOf('.') + 1);
  }
}
