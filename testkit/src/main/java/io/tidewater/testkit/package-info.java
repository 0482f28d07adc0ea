/**
 * The test kit for indexer authors: drive an indexer's real topology with a fluent chain of
 * blocks, logs and reorgs, read back its entities and dead letters, and check that its handlers
 * are reorg-safe.
 */
package io.tidewater.testkit;
