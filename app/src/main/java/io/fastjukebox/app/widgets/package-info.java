/** Small reusable JavaFX controls shared by several screens. */
package io.fastjukebox.app.widgets;
