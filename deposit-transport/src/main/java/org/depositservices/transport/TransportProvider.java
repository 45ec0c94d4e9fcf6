package org.depositservices.transport;

/**
 * How the host finds a transport: each integration package has one implementation, named in
 * {@code META-INF/services/org.depositservices.transport.TransportProvider} of its jar, and {@link TransportRegistry}
 * loads every one it finds with {@link java.util.ServiceLoader}. Nothing else in the host names the integration.
 * An implementation is public, has a public no-argument constructor, and keeps no state.
 */
public interface TransportProvider {

    /** The transport, built on what the host gives every integration. Called once per host. */
    Transport create(IntegrationEnvironment environment);
}
