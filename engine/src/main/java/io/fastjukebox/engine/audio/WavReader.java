package io.fastjukebox.engine.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Reads RIFF/WAVE files: PCM 8 (unsigned), 16, 24 and 32-bit, IEEE float 32 and 64-bit, plain or
 * WAVE_FORMAT_EXTENSIBLE, any channel count and sample rate.
 *
 * <p>Written here rather than delegated to {@code javax.sound.sampled} so that a malformed or
 * truncated file is reported precisely (which chunk, how many bytes are missing) instead of being
 * silently read short, and so that 64-bit float files work on every JDK.
 */
final class WavReader {
    private static final int FORMAT_PCM = 0x0001;
    private static final int FORMAT_FLOAT = 0x0003;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final long STREAMED_SIZE = 0xFFFFFFFFL;
    private static final int BLOCK = 1 << 16;

    private WavReader() {}

    /** The parsed {@code fmt } chunk. */
    private record Format(SampleEncoding encoding, int channels, int sampleRate, int blockAlign, int bits) {}

    static DecodedAudio read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer riff = readExactly(ch, 0, 12, file, "RIFF header");
            if (!isTag(riff, 0, "RIFF") || !isTag(riff, 8, "WAVE")) {
                throw new AudioFormatException(file, "not a RIFF/WAVE file");
            }
            Format format = null;
            long dataStart = -1;
            long dataBytes = -1;
            long pos = 12;
            while (pos + 8 <= size && (format == null || dataStart < 0)) {
                ByteBuffer head = readExactly(ch, pos, 8, file, "chunk header");
                String id = tag(head, 0);
                long chunkSize = head.getInt(4) & 0xffffffffL;
                long body = pos + 8;
                if (id.equals("fmt ")) {
                    format = parseFormat(readExactly(ch, body, (int) Math.min(chunkSize, 40), file, "fmt chunk"), file);
                } else if (id.equals("data")) {
                    dataStart = body;
                    dataBytes = dataSize(chunkSize, size - body, file);
                }
                pos = body + chunkSize + (chunkSize & 1);
            }
            if (format == null) {
                throw new AudioFormatException(file, "WAV has no fmt chunk (truncated or corrupt header)");
            }
            if (dataStart < 0) {
                throw new AudioFormatException(file, "WAV has no data chunk (truncated or corrupt file)");
            }
            return readData(ch, file, size, format, dataStart, dataBytes);
        }
    }

    private static long dataSize(long declared, long available, Path file) throws AudioFormatException {
        if (declared == STREAMED_SIZE) {
            return available; // written by a streaming encoder that never patched the size in
        }
        if (declared > available) {
            throw new AudioFormatException(file, String.format(Locale.ROOT,
                    "truncated WAV: the data chunk declares %d bytes but only %d are present (%.0f%%)",
                    declared, available, 100.0 * available / declared));
        }
        return declared;
    }

    private static DecodedAudio readData(FileChannel ch, Path file, long size, Format f, long start, long bytes)
            throws IOException {
        long frames = bytes / f.blockAlign();
        if (frames == 0) {
            throw new AudioFormatException(file, "WAV contains no audio (empty data chunk)");
        }
        if (frames > Integer.MAX_VALUE - 8) {
            throw new AudioFormatException(file, "WAV has " + frames + " frames, more than can be loaded at once");
        }
        int bytesPerSample = f.blockAlign() / f.channels();
        PcmUnpacker unpacker = new PcmUnpacker(f.encoding(), bytesPerSample, false, f.channels());
        float[][] out = new float[f.channels()][(int) frames];
        int framesPerBlock = Math.max(1, BLOCK / f.blockAlign());
        ByteBuffer buf = ByteBuffer.allocate(framesPerBlock * f.blockAlign());
        long done = 0;
        while (done < frames) {
            int n = (int) Math.min(framesPerBlock, frames - done);
            buf.clear().limit(n * f.blockAlign());
            long at = start + done * f.blockAlign();
            while (buf.hasRemaining()) {
                if (ch.read(buf, at + buf.position()) < 0) {
                    throw new AudioFormatException(file, "truncated WAV: file ended inside the data chunk");
                }
            }
            unpacker.unpack(buf.array(), 0, n, out, (int) done);
            done += n;
        }
        AudioFileInfo info = new AudioFileInfo(
                AudioFileType.WAV, f.encoding(), f.bits(), f.sampleRate(), f.channels(), frames, size);
        return new DecodedAudio(info, out);
    }

    private static Format parseFormat(ByteBuffer b, Path file) throws AudioFormatException {
        if (b.limit() < 16) {
            throw new AudioFormatException(file, "WAV fmt chunk is only " + b.limit() + " bytes (need 16)");
        }
        int tag = b.getShort(0) & 0xffff;
        int channels = b.getShort(2) & 0xffff;
        long rate = b.getInt(4) & 0xffffffffL;
        int blockAlign = b.getShort(12) & 0xffff;
        int bits = b.getShort(14) & 0xffff;
        if (tag == FORMAT_EXTENSIBLE) {
            if (b.limit() < 26) {
                throw new AudioFormatException(file, "WAVE_FORMAT_EXTENSIBLE fmt chunk is too short");
            }
            int valid = b.getShort(18) & 0xffff;
            bits = valid > 0 ? valid : bits;
            tag = b.getShort(24) & 0xffff; // the first two bytes of the sub-format GUID
        }
        if (channels == 0 || rate == 0 || rate > 1_536_000 || blockAlign == 0 || blockAlign % channels != 0) {
            throw new AudioFormatException(file, String.format(Locale.ROOT,
                    "WAV fmt chunk is inconsistent: %d channels, %d Hz, block align %d", channels, rate, blockAlign));
        }
        int container = blockAlign / channels;
        if (bits == 0 || bits > 8 * container) {
            throw new AudioFormatException(file, "WAV declares " + bits + "-bit samples in " + container + "-byte slots");
        }
        SampleEncoding encoding = switch (tag) {
            case FORMAT_PCM -> container == 1 ? SampleEncoding.PCM_UNSIGNED : SampleEncoding.PCM_SIGNED;
            case FORMAT_FLOAT -> SampleEncoding.PCM_FLOAT;
            default -> throw new AudioFormatException(file, "unsupported WAV encoding " + formatTagName(tag)
                    + "; convert it to PCM or float WAV, FLAC, Ogg Vorbis or MP3");
        };
        boolean supported = encoding == SampleEncoding.PCM_FLOAT ? container == 4 || container == 8 : container <= 4;
        if (!supported) {
            throw new AudioFormatException(file, "unsupported WAV sample size: " + encoding.label() + " in "
                    + 8 * container + "-bit slots");
        }
        return new Format(encoding, channels, (int) rate, blockAlign, bits);
    }

    private static String formatTagName(int tag) {
        String name = switch (tag) {
            case 0x0002 -> "Microsoft ADPCM";
            case 0x0006 -> "A-law";
            case 0x0007 -> "mu-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0031 -> "GSM 6.10";
            case 0x0055 -> "MPEG Layer 3";
            default -> "unknown";
        };
        return String.format(Locale.ROOT, "0x%04X (%s)", tag, name);
    }

    private static ByteBuffer readExactly(FileChannel ch, long at, int n, Path file, String what) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new AudioFormatException(file, "truncated WAV: file ends inside the " + what);
            }
        }
        return b.flip();
    }

    private static boolean isTag(ByteBuffer b, int at, String tag) {
        return tag(b, at).equals(tag);
    }

    private static String tag(ByteBuffer b, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (b.get(at + i) & 0xff);
        }
        return new String(c);
    }
}
