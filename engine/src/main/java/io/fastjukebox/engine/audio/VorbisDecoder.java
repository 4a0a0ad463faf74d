package io.fastjukebox.engine.audio;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Decodes an Ogg Vorbis stream to floats with JOrbis directly.
 *
 * <p>vorbisspi's stream wrapper is not used: it returns no audio at all for a stream whose only
 * audio page is also its last (any clip under about a second). Decoding here also keeps the
 * decoder's float output instead of rounding to 16 bits, and trims the end to the last page's
 * granule position, so the length is exactly the encoded length.
 */
final class VorbisDecoder {
    private static final int CHUNK = 1 << 14;

    private VorbisDecoder() {}

    /** Decodes {@code whole}, which {@link OggPages#check} has already validated. */
    static DecodedAudio decode(Path file, ByteBuffer whole) throws AudioFormatException {
        ByteBuffer in = whole.duplicate();
        SyncState sync = new SyncState();
        sync.init();
        StreamState stream = new StreamState();
        Page page = new Page();
        Packet packet = new Packet();
        Info info = new Info();
        Comment comment = new Comment();
        info.init();
        comment.init();

        int headers = 0;
        long granule = -1;
        DspState dsp = null;
        Block block = null;
        PlanarBuffer out = null;
        float[][][] pcm = new float[1][][];
        int[] index = null;
        boolean eos = false;
        while (!eos) {
            int result = sync.pageout(page);
            if (result == 0) {
                if (!in.hasRemaining()) {
                    break;
                }
                int n = Math.min(CHUNK, in.remaining());
                int at = sync.buffer(n);
                in.get(sync.data, at, n);
                sync.wrote(n);
                continue;
            }
            if (result < 0) {
                throw new AudioFormatException(file, "corrupt Ogg: lost page synchronisation");
            }
            if (headers == 0) {
                stream.init(page.serialno());
            }
            if (stream.pagein(page) < 0) {
                throw new AudioFormatException(file, "corrupt Ogg: page does not belong to the Vorbis stream");
            }
            while (stream.packetout(packet) == 1) {
                if (headers < 3) {
                    if (info.synthesis_headerin(comment, packet) < 0) {
                        throw new AudioFormatException(file, "corrupt Vorbis header packet " + (headers + 1));
                    }
                    if (++headers == 3) {
                        checkInfo(file, info);
                        dsp = new DspState();
                        dsp.synthesis_init(info);
                        block = new Block(dsp);
                        out = new PlanarBuffer(info.channels, info.rate);
                        index = new int[info.channels];
                    }
                    continue;
                }
                if (block.synthesis(packet) == 0) {
                    dsp.synthesis_blockin(block);
                }
                int samples;
                while ((samples = dsp.synthesis_pcmout(pcm, index)) > 0) {
                    float[][] dst = out.reserve(samples);
                    for (int c = 0; c < info.channels; c++) {
                        System.arraycopy(pcm[0][c], index[c], dst[c], out.frames(), samples);
                    }
                    out.advance(samples);
                    dsp.synthesis_read(samples);
                }
            }
            if (page.granulepos() >= 0) {
                granule = page.granulepos();
            }
            eos = page.eos() != 0;
        }
        if (headers < 3) {
            throw new AudioFormatException(file, "truncated Ogg Vorbis: the stream ends inside its headers");
        }
        float[][] channels = out.toArrays();
        if (granule >= 0 && granule < channels[0].length) {
            for (int c = 0; c < channels.length; c++) {
                channels[c] = java.util.Arrays.copyOf(channels[c], (int) granule);
            }
        }
        if (channels[0].length == 0) {
            throw new AudioFormatException(file, "Ogg Vorbis file decoded to no audio");
        }
        AudioFileInfo fileInfo = new AudioFileInfo(AudioFileType.OGG_VORBIS, SampleEncoding.PCM_FLOAT, 32,
                info.rate, info.channels, channels[0].length, whole.limit());
        return new DecodedAudio(fileInfo, channels);
    }

    private static void checkInfo(Path file, Info info) throws AudioFormatException {
        if (info.channels < 1 || info.channels > 255 || info.rate <= 0 || info.rate > 1_536_000) {
            throw new AudioFormatException(file, "unsupported Vorbis stream: " + info.channels + " channels at "
                    + info.rate + " Hz");
        }
    }
}
