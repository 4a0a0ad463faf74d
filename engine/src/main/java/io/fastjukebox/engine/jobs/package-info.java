/** Long-running jobs: progress listeners and cooperative cancellation, in plain Java (no JavaFX). */
package io.fastjukebox.engine.jobs;
