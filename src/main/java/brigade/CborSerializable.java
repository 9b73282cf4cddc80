package brigade;

/**
 * Marker for messages that may cross the network between cluster nodes. Bound to Akka's Jackson CBOR
 * serializer in application.conf ({@code akka.actor.serialization-bindings}); Java serialization stays off.
 */
public interface CborSerializable {}
