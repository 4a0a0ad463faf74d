/**
 * Pure-Java reading of PyTorch checkpoints (zip and legacy {@code torch.save}, safetensors) into
 * {@link io.fastjukebox.engine.checkpoint.StateDict}s, and writing of safetensors files.
 *
 * <p>Checkpoint files are untrusted: pickles run on a small closed pickle machine with an allow-list
 * of Python globals, nothing from a file is ever executed, and every size is checked against the
 * file before allocating. See {@link io.fastjukebox.engine.checkpoint.StateDict} for the rules.
 * No DJL here: the model layer converts {@link io.fastjukebox.engine.checkpoint.TensorData} itself.
 */
package io.fastjukebox.engine.checkpoint;
