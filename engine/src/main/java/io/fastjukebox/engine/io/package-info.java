/**
 * File I/O shared by every feature: atomic writes (temp file + rename) and the NumPy {@code .npy}
 * interchange format used for codes, golden fixtures and researcher scripts.
 */
package io.fastjukebox.engine.io;
