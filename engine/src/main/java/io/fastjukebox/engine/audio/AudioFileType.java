package io.fastjukebox.engine.audio;

import java.util.Locale;

/** The containers the audio layer decodes, recognised by their leading bytes rather than file names. */
public enum AudioFileType {
    WAV("WAV"),
    FLAC("FLAC"),
    OGG_VORBIS("Ogg Vorbis"),
    MP3("MP3");

    private final String label;

    AudioFileType(String label) {
        this.label = label;
    }

    /** Human-readable name, as printed by {@code fastjukebox audio info}. */
    public String label() {
        return label;
    }

    /**
     * Identifies a file from its first bytes (at least 64 should be given when available).
     *
     * @return the type, or {@code null} if the bytes match no supported container
     */
    public static AudioFileType sniff(byte[] head) {
        if (startsWith(head, "RIFF") && startsWith(head, 8, "WAVE")) {
            return WAV;
        }
        if (startsWith(head, "fLaC")) {
            return FLAC;
        }
        if (startsWith(head, "OggS")) {
            return OGG_VORBIS;
        }
        if (startsWith(head, "ID3") || Mp3Frames.isFrameHeader(head, 0)) {
            return MP3;
        }
        return null;
    }

    /** Describes what the leading bytes look like, for "not an audio file" messages. */
    static String describeHead(byte[] head) {
        if (startsWith(head, "RIFF")) {
            return "a RIFF file that is not WAVE";
        }
        if (startsWith(head, "RF64")) {
            return "an RF64 (64-bit WAV) file, which is not supported";
        }
        if (startsWith(head, "FORM")) {
            return "an AIFF/IFF file, which is not supported";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(8, head.length); i++) {
            hex.append(String.format(Locale.ROOT, "%02x ", head[i] & 0xff));
        }
        return "unrecognised leading bytes " + hex.toString().trim();
    }

    static boolean startsWith(byte[] b, String ascii) {
        return startsWith(b, 0, ascii);
    }

    static boolean startsWith(byte[] b, int offset, String ascii) {
        if (b.length < offset + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[offset + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
