/**
 * Internal: the hook that reliability tests use to kill, stall and watch an indexer from inside.
 * Not part of Tidewater's API; names and behaviour change without notice.
 *
 * <p>Off unless the internal config keys of {@link io.tidewater.topology.internals.faults.FaultConfig}
 * are set, and then only on the process that sets them: production runs the no-op
 * {@link io.tidewater.topology.internals.faults.FaultHook#NONE}. The keys are declared the way
 * Kafka declares its internal configs ({@code ConfigDef#defineInternal}): accepted, typed, and
 * left out of the documented configuration.
 */
package io.tidewater.topology.internals.faults;
