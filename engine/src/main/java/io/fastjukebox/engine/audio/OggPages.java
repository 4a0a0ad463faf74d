package io.fastjukebox.engine.audio;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Walks the pages of an Ogg file before it is decoded: it must carry Vorbis (not Opus, FLAC or
 * Speex), every page must be complete, and the stream must end with an end-of-stream page.
 */
final class OggPages {
    private static final int END_OF_STREAM = 0x04;

    private OggPages() {}

    static void check(Path file, ByteBuffer b) throws AudioFormatException {
        int size = b.limit();
        int p = 0;
        int pages = 0;
        boolean ended = false;
        while (p < size) {
            if (p + 27 > size) {
                throw new AudioFormatException(file, "truncated Ogg: file ends inside a page header");
            }
            if (b.get(p) != 'O' || b.get(p + 1) != 'g' || b.get(p + 2) != 'g' || b.get(p + 3) != 'S') {
                throw new AudioFormatException(file, "corrupt Ogg: no page capture pattern at byte " + p);
            }
            int segments = b.get(p + 26) & 0xff;
            if (p + 27 + segments > size) {
                throw new AudioFormatException(file, "truncated Ogg: file ends inside a page header");
            }
            int body = 0;
            for (int i = 0; i < segments; i++) {
                body += b.get(p + 27 + i) & 0xff;
            }
            int dataStart = p + 27 + segments;
            if (pages == 0) {
                checkCodec(file, b, dataStart, body);
            }
            if (dataStart + body > size) {
                throw new AudioFormatException(file, "truncated Ogg: page " + (pages + 1) + " needs "
                        + (dataStart + body - p) + " bytes but only " + (size - p) + " remain");
            }
            ended = (b.get(p + 5) & END_OF_STREAM) != 0;
            pages++;
            p = dataStart + body;
        }
        if (!ended) {
            throw new AudioFormatException(file, "truncated Ogg: the stream has no end-of-stream page");
        }
    }

    private static void checkCodec(Path file, ByteBuffer b, int at, int length) throws AudioFormatException {
        if (matches(b, at, length, "\u0001vorbis")) {
            return;
        }
        String codec = matches(b, at, length, "OpusHead") ? "Opus"
                : matches(b, at, length, "\u007fFLAC") ? "FLAC"
                : matches(b, at, length, "Speex") ? "Speex"
                : matches(b, at, length, "\u0080theora") ? "Theora video"
                : "an unknown codec";
        throw new AudioFormatException(file, "unsupported Ogg stream: it carries " + codec + ", only Vorbis is supported");
    }

    private static boolean matches(ByteBuffer b, int at, int length, String ascii) {
        if (length < ascii.length() || at + ascii.length() > b.limit()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if ((b.get(at + i) & 0xff) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
