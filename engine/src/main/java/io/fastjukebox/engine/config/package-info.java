/** JSON configuration and serialisation: the single configured Jackson mapper lives here. */
package io.fastjukebox.engine.config;
