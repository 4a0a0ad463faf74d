/** Exporting clips as WAV (with a LIST/INFO chunk) or FLAC, each with a sidecar JSON of the job's metadata. */
package io.fastjukebox.app.export;
