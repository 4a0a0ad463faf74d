#!/usr/bin/env bash
# Regenerates every audio test fixture in this directory, and FIXTURES.md.
#
# Run from this directory:   ./make-fixtures.sh
# Needs: sox (with libsox-fmt-all), lame, oggenc (vorbis-tools), python3, xxd.
#
# Deterministic: sox runs with -R (fixed seeds) and -D (no dither, so the
# integer files hold the exactly quantised sine), oggenc gets fixed --serial
# numbers, and the random bytes come from Python's random.Random(1).
#
# Note: -r/-c must stand BEFORE -n (as input options of the null file).
# Otherwise the null input defaults to 48000 Hz, synth runs at 48 kHz and sox
# silently inserts a 'rate' effect, which leaves resampler ripple at both ends.
# Same tool versions => byte-identical files (checked with sha256sum).
set -euo pipefail

if [[ ! -f make-fixtures.sh ]]; then
  echo "run this script from its own directory" >&2
  exit 1
fi
for tool in sox soxi lame oggenc python3 xxd; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done

export LC_ALL=C
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

DUR=0.5
# 440 Hz sine at amplitude 0.5 (synth makes a full-scale sine; vol 0.5 halves it).
SINE=(synth "$DUR" sine 440 vol 0.5)

mono22() { sox -R -D -r 22050 -c 1 -n "$@" "${SINE[@]}"; }

# ---------------------------------------------------------------- good WAVs
mono22 -b 8  -e unsigned-integer sine440_mono_u8.wav
mono22 -b 16 -e signed-integer   sine440_mono_s16.wav
mono22 -b 24 -e signed-integer   sine440_mono_s24.wav
mono22 -b 32 -e signed-integer   sine440_mono_s32.wav
mono22 -b 32 -e floating-point   sine440_mono_f32.wav
mono22 -b 64 -e floating-point   sine440_mono_f64.wav

# Left = sine, right = silence ("remix 1 0": out1 = in1, out2 = nothing).
sox -R -D -r 44100 -c 2 -n -b 16 -e signed-integer sine440_left_stereo_s16_44100.wav \
  "${SINE[@]}" remix 1 0

# Six identical channels; sox writes WAVE_FORMAT_EXTENSIBLE for > 2 channels.
sox -R -D -r 22050 -c 6 -n -b 16 -e signed-integer sine440_6ch_s16.wav "${SINE[@]}"

# --------------------------------------------------------------------- FLAC
mono22 -b 16 sine440_mono_s16.flac
sox -R -D -r 44100 -c 2 -n -b 24 sine440_stereo_s24_44100.flac "${SINE[@]}"

# ------------------------------------------------------- Ogg Vorbis and MP3
# Encoder inputs: 16-bit WAVs, the sine on every channel.
sox -R -D -r 44100 -c 2 -n -b 16 -e signed-integer "$TMP/stereo44.wav" "${SINE[@]}"
sox -R -D -r 22050 -c 1 -n -b 16 -e signed-integer "$TMP/mono22.wav"   "${SINE[@]}"

oggenc -Q -q 5 --serial 1 -o sine440_stereo_44100.ogg "$TMP/stereo44.wav"
oggenc -Q -q 5 --serial 2 -o sine440_mono_22050.ogg   "$TMP/mono22.wav"

# 128 kbps CBR. LAME writes its "Info" (Xing/LAME) tag frame first; it records
# the encoder delay and padding. No ID3 tags.
lame --quiet --cbr -b 128 "$TMP/stereo44.wav" sine440_stereo_44100.mp3
lame --quiet --cbr -b 128 "$TMP/mono22.wav"   sine440_mono_22050.mp3

# --------------------------------------------------------------- bad inputs
: > empty.wav

# A real WAV in an encoding the engine does not support (format tag 0x0011).
mono22 -e ima-adpcm adpcm.wav

# Valid 16-bit WAV whose data chunk is 0 bytes long.
sox -R -D -r 22050 -c 1 -n -b 16 -e signed-integer header-only.wav trim 0 0

printf '%s\n' \
  'This is not a WAV file.' \
  'It is a plain text file with a .wav name, used to test that readers' \
  'reject input without a RIFF/WAVE header instead of crashing.' > not-audio.wav

# Ogg source for truncated.ogg: the Vorbis setup header alone is ~4 KB, so a
# 60 % cut of a 0.5 s sine file would land inside the headers. White noise at
# -q 10 gives enough audio pages that the cut falls mid-way through the audio.
sox -R -D -r 44100 -c 2 -n -b 16 -e signed-integer "$TMP/noise44.wav" synth "$DUR" whitenoise vol 0.5
oggenc -Q -q 10 --serial 3 -o "$TMP/noise44.ogg" "$TMP/noise44.wav"

python3 - "$TMP" <<'PY'
import random, struct, sys
tmp = sys.argv[1]

def wav_data_chunk(buf):
    """(offset of data payload, declared payload size, block align)."""
    assert buf[:4] == b'RIFF' and buf[8:12] == b'WAVE'
    pos, align = 12, None
    while pos + 8 <= len(buf):
        cid, size = buf[pos:pos+4], struct.unpack('<I', buf[pos+4:pos+8])[0]
        if cid == b'fmt ':
            align = struct.unpack('<H', buf[pos+20:pos+22])[0]
        if cid == b'data':
            return pos + 8, size, align
        pos += 8 + size + (size & 1)
    raise SystemExit('no data chunk')

# truncated.wav: header unchanged (declares 11025 frames), payload cut to
# half of the frames (whole frames only).
src = open('sine440_mono_s16.wav', 'rb').read()
off, size, align = wav_data_chunk(src)
frames = size // align
keep = (frames // 2) * align
open('truncated.wav', 'wb').write(src[:off + keep])

# truncated.flac: first 60 % of the bytes.
src = open('sine440_mono_s16.flac', 'rb').read()
open('truncated.flac', 'wb').write(src[:len(src) * 60 // 100])

# truncated.ogg: first 60 % of the bytes of the white-noise Vorbis file.
src = open(tmp + '/noise44.ogg', 'rb').read()
cut = len(src) * 60 // 100
assert src[cut:cut+4] != b'OggS', 'ogg cut landed on a page boundary'
open('truncated.ogg', 'wb').write(src[:cut])

# truncated.mp3: about 60 % of the stereo MP3, cut in the middle of a frame.
def mp3_frames(buf):
    br1 = [0,32,40,48,56,64,80,96,112,128,160,192,224,256,320]
    br2 = [0,8,16,24,32,40,48,56,64,80,96,112,128,144,160]
    srs = {3: [44100,48000,32000], 2: [22050,24000,16000], 0: [11025,12000,8000]}
    pos, out = 0, []
    while pos + 4 <= len(buf):
        h = buf[pos:pos+4]
        assert h[0] == 0xFF and h[1] & 0xE0 == 0xE0, f'lost sync at {pos}'
        ver, layer = (h[1] >> 3) & 3, (h[1] >> 1) & 3
        assert layer == 1, 'not layer III'
        br = (br1 if ver == 3 else br2)[h[2] >> 4] * 1000
        sr = srs[ver][(h[2] >> 2) & 3]
        pad = (h[2] >> 1) & 1
        length = (144 if ver == 3 else 72) * br // sr + pad
        out.append((pos, length))
        pos += length
    return out

src = open('sine440_stereo_44100.mp3', 'rb').read()
target = len(src) * 60 // 100
start, length = next(f for f in mp3_frames(src) if f[0] <= target < f[0] + f[1])
cut = start + length // 2
assert src[cut] != 0xFF, 'mp3 cut landed on a frame header'
open('truncated.mp3', 'wb').write(src[:cut])

# random-bytes.mp3: 0x00 0x01, then 4094 bytes from random.Random(1).
r = random.Random(1)
data = bytes([0x00, 0x01]) + bytes(r.getrandbits(8) for _ in range(4094))
assert not data.startswith(b'ID3') and not (data[0] == 0xFF and data[1] & 0xE0 == 0xE0)
open('random-bytes.mp3', 'wb').write(data)
PY

# ------------------------------------------------------------- self-checks
check() {  # file, expected "encoding|bits|rate|channels|frames" as soxi reports it
  local got
  got="$(soxi -e "$1")|$(soxi -b "$1")|$(soxi -r "$1")|$(soxi -c "$1")|$(soxi -s "$1")"
  [[ "$got" == "$2" ]] || { echo "CHECK FAILED for $1: got '$got', want '$2'" >&2; exit 1; }
}
check sine440_mono_u8.wav      'Unsigned Integer PCM|8|22050|1|11025'
check sine440_mono_s16.wav     'Signed Integer PCM|16|22050|1|11025'
check sine440_mono_s24.wav     'Signed Integer PCM|24|22050|1|11025'
check sine440_mono_s32.wav     'Signed Integer PCM|32|22050|1|11025'
check sine440_mono_f32.wav     'Floating Point PCM|32|22050|1|11025'
check sine440_mono_f64.wav     'Floating Point PCM|64|22050|1|11025'
check sine440_left_stereo_s16_44100.wav 'Signed Integer PCM|16|44100|2|22050'
check sine440_6ch_s16.wav      'Signed Integer PCM|16|22050|6|11025'
check sine440_mono_s16.flac    'FLAC|16|22050|1|11025'
check sine440_stereo_s24_44100.flac 'FLAC|24|44100|2|22050'
check sine440_stereo_44100.ogg 'Vorbis|0|44100|2|22050'
check sine440_mono_22050.ogg   'Vorbis|0|22050|1|11025'
check adpcm.wav                'IMA ADPCM|4|22050|1|11110'
check header-only.wav          'Signed Integer PCM|16|22050|1|0'

# Sample-exact content: PCM WAVs must equal 0.5*sin(2*pi*440*n/rate) to within
# one quantisation step (catches e.g. an accidental resampling stage).
python3 - <<'PY'
import math, struct
def pcm(name):
    b = open(name, 'rb').read()
    pos, fmt = 12, None
    while True:
        cid, size = b[pos:pos+4], struct.unpack('<I', b[pos+4:pos+8])[0]
        if cid == b'fmt ':
            tag, ch, rate = struct.unpack('<HHI', b[pos+8:pos+16])
            bits = struct.unpack('<H', b[pos+22:pos+24])[0]
            if tag == 0xFFFE:
                tag = struct.unpack('<H', b[pos+32:pos+34])[0]  # SubFormat GUID
            fmt = (tag, ch, rate, bits)
        if cid == b'data':
            return fmt, b[pos+8:pos+8+size]
        pos += 8 + size + (size & 1)
def decode(fmt, data):
    tag, ch, rate, bits = fmt
    w = bits // 8
    out = []
    for i in range(0, len(data), w):
        x = data[i:i+w]
        if tag == 3:
            v = struct.unpack('<f' if w == 4 else '<d', x)[0]
        elif bits == 8:
            v = (x[0] - 128) / 128
        else:
            v = int.from_bytes(x, 'little', signed=True) / 2 ** (bits - 1)
        out.append(v)
    return [out[c::ch] for c in range(ch)]
for name in ['sine440_mono_u8.wav', 'sine440_mono_s16.wav', 'sine440_mono_s24.wav',
             'sine440_mono_s32.wav', 'sine440_mono_f32.wav', 'sine440_mono_f64.wav',
             'sine440_left_stereo_s16_44100.wav', 'sine440_6ch_s16.wav']:
    fmt, data = pcm(name)
    chans = decode(fmt, data)
    tol = 1.5 / 2 ** (fmt[3] - 1) if fmt[0] == 1 else 1e-6
    for c, xs in enumerate(chans):
        silent = 'left_stereo' in name and c == 1
        err = max(abs(v - (0 if silent else 0.5 * math.sin(2 * math.pi * 440 * n / fmt[2])))
                  for n, v in enumerate(xs))
        assert err <= tol, f'{name} channel {c}: max error {err} > {tol}'
PY

fmt_tag() { xxd -s 20 -l 2 -p "$1"; }  # WAVE fmt tag, little-endian hex
[[ "$(fmt_tag sine440_6ch_s16.wav)" == feff ]] || { echo "6ch: not WAVE_FORMAT_EXTENSIBLE" >&2; exit 1; }
[[ "$(fmt_tag adpcm.wav)" == 1100 ]] || { echo "adpcm.wav: not IMA ADPCM (0x0011)" >&2; exit 1; }

# ---------------------------------------------------------- FIXTURES.md
fmttag_name() {
  case "$(fmt_tag "$1")" in
    0100) echo '0x0001 PCM';;
    0300) echo '0x0003 IEEE float';;
    1100) echo '0x0011 IMA ADPCM';;
    feff) echo '0xFFFE EXTENSIBLE';;
    *)    echo "0x$(fmt_tag "$1")";;
  esac
}
mp3_info() {  # MPEG frame count (incl. the LAME Info frame), samples/frame, LAME delay/padding
  python3 - "$1" <<'PY'
import sys
b = open(sys.argv[1], 'rb').read()
v = (b[1] >> 3) & 3
spf = 1152 if v == 3 else 576
br = ([0,32,40,48,56,64,80,96,112,128,160,192,224,256,320] if v == 3 else
      [0,8,16,24,32,40,48,56,64,80,96,112,128,144,160])
srs = {3: [44100,48000,32000], 2: [22050,24000,16000], 0: [11025,12000,8000]}
pos = n = 0
while pos + 4 <= len(b):
    h = b[pos:pos+4]
    pos += (144 if v == 3 else 72) * br[h[2] >> 4] * 1000 // srs[v][(h[2] >> 2) & 3] + ((h[2] >> 1) & 1)
    n += 1
i = b.find(b'LAME', 0, 400)
d = int.from_bytes(b[i+21:i+24], 'big')
print(f'{n} MPEG frames (1 LAME Info frame + {n-1} audio) x {spf} samples; LAME tag: encoder delay {d >> 12}, padding {d & 0xFFF}')
PY
}

ogg_audio_pages() {  # number of Ogg pages with a positive granule position
  python3 - "$1" <<'PY'
import sys
b = open(sys.argv[1], 'rb').read()
pos = n = 0
while pos + 27 <= len(b):
    segs = b[pos+26]
    if int.from_bytes(b[pos+6:pos+14], 'little', signed=True) > 0:
        n += 1
    pos += 27 + segs + sum(b[pos+27:pos+27+segs])
print(n)
PY
}

row() {  # file, notes
  local f=$1 bits
  bits=$(soxi -b "$f"); [[ $bits == 0 ]] && bits="n/a (lossy; decodes to $(soxi -p "$f")-bit)"
  printf '| `%s` | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
    "$f" "$(stat -c %s "$f")" "$(soxi -t "$f")" "$(soxi -e "$f")" "$bits" \
    "$(soxi -r "$f")" "$(soxi -c "$f")" "$(soxi -s "$f")" "$2"
}

GOOD_WAV=(sine440_mono_u8.wav sine440_mono_s16.wav sine440_mono_s24.wav sine440_mono_s32.wav
          sine440_mono_f32.wav sine440_mono_f64.wav sine440_left_stereo_s16_44100.wav sine440_6ch_s16.wav)
GOOD_OTHER=(sine440_mono_s16.flac sine440_stereo_s24_44100.flac
            sine440_stereo_44100.ogg sine440_mono_22050.ogg
            sine440_stereo_44100.mp3 sine440_mono_22050.mp3)

{
cat <<'MD'
# Audio test fixtures

Generated by `make-fixtures.sh` (run it from this directory; it also rewrites
this file). Do not edit the audio files by hand.

Every good file holds 0.5 s of a 440 Hz sine at amplitude 0.5, i.e.
x[n] = 0.5 * sin(2*pi*440*n/rate) for n = 0..frames-1 (starts at phase 0, no
dither; the script checks the PCM WAVs against this formula to within one
quantisation step), except where noted. Frame counts are exact
values from `soxi -s` (frames = samples per channel).

## Good files

| File | Bytes | Type | Encoding (soxi) | Bits | Rate | Ch | Frames (soxi -s) | Notes |
|---|---|---|---|---|---|---|---|---|
MD
for f in "${GOOD_WAV[@]}"; do
  case $f in
    *left_stereo*) n="WAV fmt tag $(fmttag_name "$f"). Left = sine 0.5, right = digital silence: averaging mono mixdown = 0.25-amplitude sine.";;
    *6ch*)         n="WAV fmt tag $(fmttag_name "$f") (channel mask 0x3F, 5.1). All 6 channels identical.";;
    *)             n="WAV fmt tag $(fmttag_name "$f").";;
  esac
  row "$f" "$n"
done
row sine440_mono_s16.flac "FLAC, STREAMINFO total samples 11025."
row sine440_stereo_s24_44100.flac "FLAC, sine on both channels."
row sine440_stereo_44100.ogg "oggenc -q 5 (serial 1); sine on both channels. Granule position trims to the exact length. $(ogg_audio_pages sine440_stereo_44100.ogg) audio page (also the EOS page)."
row sine440_mono_22050.ogg "oggenc -q 5 (serial 2). $(ogg_audio_pages sine440_mono_22050.ogg) audio page (also the EOS page)."
for f in sine440_stereo_44100.mp3 sine440_mono_22050.mp3; do
  row "$f" "lame --cbr -b 128. Source had $(( $(soxi -r "$f") / 2 )) frames; a decoder returns more: encoder delay + padding. $(mp3_info "$f"). Exact gapless length = source length; soxi's figure is libmad's."
done
cat <<'MD'

Notes:
- sox writes WAVE_FORMAT_EXTENSIBLE (0xFFFE) not only for the 6-channel file
  but also for the 24- and 32-bit integer files; the float files use tag 0x0003
  with a `fact` chunk; the u8 and s16 files use plain tag 0x0001.
- MP3 frame counts depend on the decoder: one that ignores the LAME Info frame
  may also output that frame as silence, and one that honours the LAME tag
  (gapless) returns exactly the source length. Tests should allow a tolerance
  (e.g. source length <= n <= MPEG frames x samples per frame) and compare
  the signal after skipping the encoder delay.
- Observed with the Java decoders this project depends on (JDK 17
  AudioSystem + mp3spi 1.9.5.4 / JLayer 1.0.1.4, vorbisspi 1.0.3.3 /
  jorbis 0.0.17.4, jflac-codec 1.5.2) when these fixtures were made:
  - mp3spi decodes 25344 (stereo) and 13248 (mono) frames = all MPEG frames
    x samples per frame: the LAME Info frame comes out as silence and there
    is no gapless trimming; `getFrameLength()` is -1.
  - vorbisspi decodes **0 frames** from both good Ogg files: a stream whose
    only audio page is also the last (EOS) page is lost, while multi-page
    files (e.g. truncated.ogg, or a 3 s sine) decode fully. A reader built on
    vorbisspi fails these fixtures; decode with jorbis directly or handle
    the EOS page.
  - jflac's `getFrameLength()` is the file size in bytes, not the frame
    count (3936 for sine440_mono_s16.flac); read the count from STREAMINFO. It converts
    24-bit FLAC only to 24-bit PCM (asking for 16-bit throws
    IllegalArgumentException).
  - The JDK reads all the PCM WAVs, including EXTENSIBLE and 64-bit float;
    for truncated.wav it reports frameLength 11025 but delivers 5512 frames.

## Bad inputs

| File | Bytes | What it is | What a reader should do |
|---|---|---|---|
MD
decoded() {  # frames sox manages to decode (it may also print an error)
  local bytes
  bytes=$( { sox "$1" -t s16 - 2>/dev/null || true; } | wc -c )
  echo $(( bytes / 2 / $(soxi -c "$1") ))
}
b() { printf '| `%s` | %s | %s | %s |\n' "$1" "$(stat -c %s "$1")" "$2" "$3"; }
b empty.wav "0-byte file." \
  "Fail with a clear 'empty / not an audio file' error (no exception leak, no 0-frame success)."
b truncated.wav "sine440_mono_s16.wav with the data chunk cut to $(( ($(stat -c %s truncated.wav) - 44) / 2 )) of the 11025 frames the header declares (header unchanged, whole frames kept). sox decodes $(decoded truncated.wav) frames with a 'premature EOF' warning." \
  "Must not hang or read past EOF. Either return the frames that are present (and flag the file as truncated) or fail with a 'truncated' error; never pad silently to 11025 frames. Note: Java's AudioInputStream reports frameLength 11025 from the header."
b truncated.flac "First 60 % of the bytes of sine440_mono_s16.flac; ends inside an audio frame. STREAMINFO still declares 11025 samples. libFLAC (via sox) decodes $(decoded truncated.flac) frames, then reports LOST_SYNC and an MD5 mismatch." \
  "Return the frames of the complete FLAC frames (fewer than 11025) and flag truncation, or fail with a clear error; must not loop forever on the partial last frame."
ogg_pages=$(python3 - <<'PY'
b = open('truncated.ogg', 'rb').read()
pos, audio, gran = 0, 0, 0
while pos + 27 <= len(b):
    assert b[pos:pos+4] == b'OggS'
    n = b[pos+26]
    end = pos + 27 + n + sum(b[pos+27:pos+27+n])
    if end > len(b):
        break
    g = int.from_bytes(b[pos+6:pos+14], 'little', signed=True)
    if g > 0:
        audio, gran = audio + 1, g
    pos = end
print(f'{audio} complete audio pages (granule position {gran}) precede the cut, which falls inside the next page')
PY
)
b truncated.ogg "First 60 % of a 0.5 s, 44100 Hz stereo white-noise Vorbis file (oggenc -q 10, serial 3; 22050 frames). Headers intact; ${ogg_pages}. sox decodes $(decoded truncated.ogg) frames." \
  "Return the decodable frames (fewer than 22050) and flag truncation, or fail clearly; must not hang. (Noise, not the sine: a 60 % cut of the small sine file would land inside the ~4 KB Vorbis setup header.)"
b truncated.mp3 "About 60 % of sine440_stereo_44100.mp3, cut in the middle of an MPEG frame (not at a frame boundary). libmad (via sox) decodes $(decoded truncated.mp3) frames." \
  "Decode up to the last complete frame and stop cleanly (flag truncation), or fail with a clear error; no ArrayIndexOutOfBounds/EOF exception may escape."
b not-audio.wav "Plain ASCII text with a .wav name (no RIFF header)." \
  "Reject as unsupported / not audio, with a message naming the file; do not trust the extension."
nsync=$(python3 - <<'PY'
b = open('random-bytes.mp3', 'rb').read()
hits = [i for i in range(len(b) - 3) if b[i] == 0xFF and b[i+1] & 0xE0 == 0xE0]
plausible = [i for i in hits if (b[i+1] >> 1) & 3 != 0 and (b[i+1] >> 3) & 3 != 1
             and b[i+2] >> 4 != 15 and (b[i+2] >> 2) & 3 != 3]
print(f'{len(hits)} accidental 11-bit sync pattern(s) (0xFF 0xE0..0xFF) at offset(s) {hits}, '
      f'{len(plausible)} of them with otherwise valid MPEG header fields')
PY
)
b random-bytes.mp3 "4096 bytes: 0x00 0x01, then bytes from Python random.Random(1).getrandbits(8). No ID3 tag, no sync word at the start; the body contains ${nsync}." \
  "Reject as not an MP3 (a decoder that scans for sync may 'find' a false frame header: require consecutive valid frames), or fail cleanly; must not hang or return long noise."
b adpcm.wav "Real WAV, IMA ADPCM (fmt tag 0x0011), 4-bit, 22050 Hz mono, 505-sample blocks; fact chunk says 11025 samples, soxi -s says $(soxi -s adpcm.wav) (rounded up to whole blocks)." \
  "Reject with an 'unsupported WAV encoding (IMA ADPCM)' error; never interpret the bytes as PCM."
b header-only.wav "Valid 16-bit PCM WAV, 22050 Hz mono, data chunk of 0 bytes (soxi -s = $(soxi -s header-only.wav))." \
  "Open successfully with 0 frames (or report 'no audio' clearly); later stages must cope with 0 frames (no division by zero, no empty-array crash)."
cat <<'MD'

## soxi output of every good file

```
MD
for f in "${GOOD_WAV[@]}" "${GOOD_OTHER[@]}"; do soxi "$f"; done
cat <<'MD'
```
MD
} > FIXTURES.md

echo "fixtures written:"
ls -l --time-style=+ | grep -v -e '^total' -e 'make-fixtures.sh'
du -sh .
