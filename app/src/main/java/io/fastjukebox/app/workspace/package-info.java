/** The studio's folders: the user's workspace of models, jobs and model sets, and the bundled models. */
package io.fastjukebox.app.workspace;
