/**
 * Process-wide set-up of the numeric engine (DJL + libtorch): offline mode, no telemetry, explicit
 * thread counts, the native cache directory, and a description of the device for {@code info}.
 */
package io.fastjukebox.engine.runtime;
