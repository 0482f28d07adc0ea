/** Harnesses that run the whole product, with real brokers and databases, against its limits. */
package io.tidewater.bench;
