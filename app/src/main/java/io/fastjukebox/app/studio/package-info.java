/**
 * The desktop studio shell: the composition root ({@link io.fastjukebox.app.studio.AppContext}),
 * the JavaFX {@link javafx.application.Application} and the launcher the CLI calls to open the
 * window or render it headlessly to a PNG (javafx-notes section 3).
 */
package io.fastjukebox.app.studio;
