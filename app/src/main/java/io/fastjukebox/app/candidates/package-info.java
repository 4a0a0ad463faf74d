/**
 * The Candidates screen: top-level candidates appear as they are decoded, can be played and
 * compared, and the picked ones are upsampled by jobs queued in the background (users.md: generate
 * a few candidates, pick one, upsample only that one).
 */
package io.fastjukebox.app.candidates;
