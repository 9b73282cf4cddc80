/**
 * Seeing a run: a timeline of what every actor did. {@link brigade.trace.Tracer} streams Chrome Trace Event
 * Format JSON (Perfetto, chrome://tracing) to a file off the actor threads; {@link brigade.trace.Timeline} draws
 * the same trace as a PNG or SVG picture; {@link brigade.trace.BusyTime} is the busy/idle bookkeeping behind the
 * utilisation and longest-idle-gap columns; {@link brigade.trace.NodeClock} places another node's spans on this
 * node's clock; the {@code Jfr*} classes are the same steps as JDK Flight Recorder events.
 */
package brigade.trace;
