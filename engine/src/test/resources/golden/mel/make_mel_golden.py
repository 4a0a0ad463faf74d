#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""
make_mel_golden.py -- regenerate the mel-spectrogram golden fixtures.

What this is
------------
A small, numpy-only (scipy optional) re-implementation of librosa 0.10.x's
default mel-spectrogram pipeline:

    librosa.stft                      (librosa/core/spectrum.py)
    np.abs(S) ** 2                    (librosa/core/spectrum.py::_spectrogram)
    librosa.filters.mel               (librosa/filters.py)
      + librosa.fft_frequencies       (librosa/core/convert.py)
      + librosa.mel_frequencies       (librosa/core/convert.py)
      + librosa.hz_to_mel/mel_to_hz   (librosa/core/convert.py)
    librosa.feature.melspectrogram    (librosa/feature/spectral.py)
    librosa.power_to_db               (librosa/core/spectrum.py)

librosa itself is not used because it is not packaged in Debian 12 and PyPI
is unreachable from the build machine.  Every function below was written
after reading librosa's own source and mirrors it statement by statement;
the librosa function each one reproduces is named in its comment.

Evidence that the re-implementation matches librosa: before anything is
written, the script asserts that its functions reproduce the numbers printed
in librosa's documentation examples (see DOC_ANCHORS below and README.md),
plus a handful of full-precision values published by a third-party port.

Usage (from this directory; needs Debian's python3-numpy, scipy optional):

    /usr/bin/python3 make_mel_golden.py

Outputs (all np.save, little endian, C order):

    input_22050.npy          float32 (22050,)   the test signal
    <case>_melfb.npy         float64 (n_mels, 1 + n_fft // 2)
    <case>_melpower.npy      float64 (n_mels, n_frames)   mel power, before dB
    <case>_db.npy            float64 (n_mels, n_frames)   power_to_db output
for <case> in {default, custom}.  See CASES below for the exact parameters.

Precision note: the golden numbers are what librosa 0.10.x returns for the
float64 signal y64 = input.astype(np.float64) with a float64 mel basis, i.e.

    librosa.feature.melspectrogram(y=y64, sr=..., n_fft=..., hop_length=...,
                                   n_mels=..., fmin=..., fmax=...,
                                   dtype=np.float64)

(librosa.filters.mel defaults to dtype=np.float32; passing dtype=np.float64
through melspectrogram's **kwargs keeps the basis in double precision, which
is what a double-precision Java port computes).  The script also prints how
far librosa's *default* float32 paths would land from these numbers.
"""

import hashlib
import gzip
import os
import sys

import numpy as np

try:  # scipy is optional; only used to cross-check the Hann window
    import scipy.signal

    HAVE_SCIPY = True
except Exception:  # pragma: no cover
    HAVE_SCIPY = False


# ---------------------------------------------------------------------------
# librosa/core/convert.py :: hz_to_mel  (librosa 0.10.x)
# ---------------------------------------------------------------------------
def hz_to_mel(frequencies, *, htk=False):
    """librosa.hz_to_mel: Slaney (Auditory Toolbox) mel scale by default."""
    frequencies = np.asanyarray(frequencies)

    if htk:
        return 2595.0 * np.log10(1.0 + frequencies / 700.0)

    # Fill in the linear part
    f_min = 0.0
    f_sp = 200.0 / 3

    mels = (frequencies - f_min) / f_sp

    # Fill in the log-scale part
    min_log_hz = 1000.0  # beginning of log region (Hz)
    min_log_mel = (min_log_hz - f_min) / f_sp  # same (Mels)  == 15.0
    logstep = np.log(6.4) / 27.0  # step size for log region

    if frequencies.ndim:
        # If we have array data, vectorize
        log_t = frequencies >= min_log_hz
        mels[log_t] = min_log_mel + np.log(frequencies[log_t] / min_log_hz) / logstep
    elif frequencies >= min_log_hz:
        # If we have scalar data, check directly
        mels = min_log_mel + np.log(frequencies / min_log_hz) / logstep

    return mels


# ---------------------------------------------------------------------------
# librosa/core/convert.py :: mel_to_hz  (librosa 0.10.x)
# ---------------------------------------------------------------------------
def mel_to_hz(mels, *, htk=False):
    """librosa.mel_to_hz: inverse of hz_to_mel."""
    mels = np.asanyarray(mels)

    if htk:
        return 700.0 * (10.0 ** (mels / 2595.0) - 1.0)

    # Fill in the linear scale
    f_min = 0.0
    f_sp = 200.0 / 3
    freqs = f_min + f_sp * mels

    # And now the nonlinear scale
    min_log_hz = 1000.0  # beginning of log region (Hz)
    min_log_mel = (min_log_hz - f_min) / f_sp  # same (Mels)
    logstep = np.log(6.4) / 27.0  # step size for log region

    if mels.ndim:
        # If we have vector data, vectorize
        log_t = mels >= min_log_mel
        freqs[log_t] = min_log_hz * np.exp(logstep * (mels[log_t] - min_log_mel))
    elif mels >= min_log_mel:
        # If we have scalar data, check directly
        freqs = min_log_hz * np.exp(logstep * (mels - min_log_mel))

    return freqs


# ---------------------------------------------------------------------------
# librosa/core/convert.py :: fft_frequencies  (librosa 0.10.x)
# 0.10.x: "Alternative interface for np.fft.rfftfreq".
# (librosa <= 0.9 used np.linspace(0, sr/2, 1 + n_fft//2); for even n_fft the
#  two agree to the last bit or so, for odd n_fft they differ.)
# np.fft.rfftfreq(n, d) == np.arange(n // 2 + 1) * (1.0 / (n * d))
# ---------------------------------------------------------------------------
def fft_frequencies(*, sr=22050, n_fft=2048):
    """librosa.fft_frequencies."""
    return np.fft.rfftfreq(n=n_fft, d=1.0 / sr)


# ---------------------------------------------------------------------------
# librosa/core/convert.py :: mel_frequencies  (librosa 0.10.x)
# ---------------------------------------------------------------------------
def mel_frequencies(n_mels=128, *, fmin=0.0, fmax=11025.0, htk=False):
    """librosa.mel_frequencies: n_mels points uniformly spaced in mel."""
    # 'Center freqs' of mel bands - uniformly spaced between limits
    min_mel = hz_to_mel(fmin, htk=htk)
    max_mel = hz_to_mel(fmax, htk=htk)

    mels = np.linspace(min_mel, max_mel, n_mels)

    hz = mel_to_hz(mels, htk=htk)
    return hz


# ---------------------------------------------------------------------------
# librosa/filters.py :: mel  (librosa 0.10.x; norm='slaney', dtype=float32
# are librosa's defaults).  Only norm='slaney' and norm=None are carried over
# (numeric norms go through librosa.util.normalize, not needed here).
# ---------------------------------------------------------------------------
def mel_filterbank(*, sr, n_fft, n_mels=128, fmin=0.0, fmax=None, htk=False,
                   norm="slaney", dtype=np.float32):
    """librosa.filters.mel."""
    if fmax is None:
        fmax = float(sr) / 2

    # Initialize the weights
    n_mels = int(n_mels)
    weights = np.zeros((n_mels, int(1 + n_fft // 2)), dtype=dtype)

    # Center freqs of each FFT bin
    fftfreqs = fft_frequencies(sr=sr, n_fft=n_fft)

    # 'Center freqs' of mel bands - uniformly spaced between limits
    mel_f = mel_frequencies(n_mels + 2, fmin=fmin, fmax=fmax, htk=htk)

    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)

    for i in range(n_mels):
        # lower and upper slopes for all bins
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]

        # .. then intersect them with each other and zero
        # (assignment casts to `dtype`: float32 by default in librosa)
        weights[i] = np.maximum(0, np.minimum(lower, upper))

    if norm == "slaney":
        # Slaney-style mel is scaled to be approx constant energy per channel
        enorm = 2.0 / (mel_f[2: n_mels + 2] - mel_f[:n_mels])
        weights *= enorm[:, np.newaxis]  # in-place: stays in `dtype`
    elif norm is not None:
        raise ValueError(f"norm={norm!r} is not reproduced by this script")

    # librosa only *warns* about empty filters; mirror the check
    if not np.all((mel_f[:-2] == 0) | (weights.max(axis=1) > 0)):
        print("WARNING: Empty filters detected in mel frequency basis.",
              file=sys.stderr)

    return weights


# ---------------------------------------------------------------------------
# librosa/filters.py :: get_window('hann', Nx, fftbins=True)
#   -> scipy.signal.get_window('hann', Nx, fftbins=True)
#   -> scipy.signal.windows.hann(Nx, sym=False)
#   -> general_cosine(Nx, [0.5, 0.5], sym=False):
#        M = Nx + 1 (extend), fac = np.linspace(-pi, pi, M),
#        w = 0.5*cos(0*fac) + 0.5*cos(1*fac), drop the last point.
# i.e. the *periodic* Hann window w[n] = 0.5 - 0.5*cos(2*pi*n/Nx),
# evaluated the way scipy evaluates it.
# ---------------------------------------------------------------------------
def hann_periodic(n):
    """scipy.signal.get_window('hann', n, fftbins=True), float64."""
    m = n + 1
    fac = np.linspace(-np.pi, np.pi, m)
    w = np.zeros(m)
    for k, a in enumerate((0.5, 0.5)):
        w += a * np.cos(k * fac)
    return w[:-1]


# ---------------------------------------------------------------------------
# librosa/util/utils.py :: frame (for a 1-D contiguous signal, axis=-1)
# returns shape (frame_length, n_frames); frame t = x[t*hop : t*hop + frame_length]
# ---------------------------------------------------------------------------
def frame(x, *, frame_length, hop_length):
    """librosa.util.frame for 1-D input."""
    x = np.ascontiguousarray(x)
    if x.shape[-1] < frame_length:
        raise ValueError("Input is too short for frame_length")
    n_frames = 1 + (x.shape[-1] - frame_length) // hop_length
    xw = np.lib.stride_tricks.as_strided(
        x, shape=(frame_length, n_frames),
        strides=(x.strides[0], x.strides[0] * hop_length), writeable=False)
    return xw


# ---------------------------------------------------------------------------
# librosa/core/spectrum.py :: stft  (librosa 0.10.x), 1-D input only,
# win_length = n_fft, window='hann', center=True, pad_mode='constant'.
# 0.10.x pads the head and the tail separately instead of copying the whole
# signal; the result is identical to np.pad(y, n_fft//2) (checked below).
# ---------------------------------------------------------------------------
def stft(y, *, n_fft=2048, hop_length=None, win_length=None, center=True,
         dtype=None, pad_mode="constant"):
    """librosa.stft."""
    # By default, use the entire frame
    if win_length is None:
        win_length = n_fft

    # Set the default hop, if it's not already specified
    if hop_length is None:
        hop_length = int(win_length // 4)

    fft_window = hann_periodic(win_length)

    # Pad the window out to n_fft size (librosa.util.pad_center)
    lpad = int((n_fft - win_length) // 2)
    fft_window = np.pad(fft_window, (lpad, int(n_fft - win_length - lpad)))

    # Reshape so that the window can be broadcast
    fft_window = fft_window.reshape((-1, 1))

    # Pad the time series so that frames are centered
    if center:
        if n_fft > y.shape[-1]:
            print(f"WARNING: n_fft={n_fft} is too large for input signal of "
                  f"length={y.shape[-1]}", file=sys.stderr)

        # How many frames depend on left padding?
        start_k = int(np.ceil(n_fft // 2 / hop_length))

        # What's the first frame that depends on extra right-padding?
        tail_k = (y.shape[-1] + n_fft // 2 - n_fft) // hop_length + 1

        if tail_k <= start_k:
            # If tail and head overlap, then just copy-pad the signal
            start = 0
            extra = 0
            y = np.pad(y, (n_fft // 2, n_fft // 2), mode=pad_mode)
        else:
            # "Middle" of the signal starts here, and does not depend on head padding
            start = start_k * hop_length - n_fft // 2

            # +1 here is to ensure enough samples to fill the window (librosa bug #1567)
            y_pre = np.pad(
                y[: (start_k - 1) * hop_length - n_fft // 2 + n_fft + 1],
                (n_fft // 2, 0), mode=pad_mode)
            y_frames_pre = frame(y_pre, frame_length=n_fft, hop_length=hop_length)
            # Trim this down to the exact number of frames we should have
            y_frames_pre = y_frames_pre[:, :start_k]

            # How many extra frames do we have from the head?
            extra = y_frames_pre.shape[-1]

            # Determine if we have any frames that will fit inside the tail pad
            if tail_k * hop_length - n_fft // 2 + n_fft <= y.shape[-1] + n_fft // 2:
                y_post = np.pad(y[(tail_k) * hop_length - n_fft // 2:],
                                (0, n_fft // 2), mode=pad_mode)
                y_frames_post = frame(y_post, frame_length=n_fft, hop_length=hop_length)
                # How many extra frames do we have from the tail?
                extra += y_frames_post.shape[-1]
            else:
                y_frames_post = np.empty((n_fft, 0), dtype=y.dtype)
    else:
        if n_fft > y.shape[-1]:
            raise ValueError("n_fft too large for uncentered analysis")
        start = 0
        extra = 0

    if dtype is None:
        # librosa.util.dtype_r2c: float32 -> complex64, float64 -> complex128
        dtype = np.complex64 if y.dtype == np.float32 else np.complex128

    # Window the time series.
    y_frames = frame(y[start:], frame_length=n_fft, hop_length=hop_length)

    # Pre-allocate the STFT matrix
    shape = [1 + n_fft // 2, y_frames.shape[-1] + extra]
    stft_matrix = np.zeros(shape, dtype=dtype, order="F")

    # Fill in the warm-up
    if center and extra > 0:
        off_start = y_frames_pre.shape[-1]
        stft_matrix[:, :off_start] = np.fft.rfft(fft_window * y_frames_pre, axis=-2)

        off_end = y_frames_post.shape[-1]
        if off_end > 0:
            stft_matrix[:, -off_end:] = np.fft.rfft(fft_window * y_frames_post, axis=-2)
    else:
        off_start = 0

    # (librosa processes the middle in MAX_MEM_BLOCK-sized column blocks;
    #  blocking does not change any value, so it is done in one go here)
    stft_matrix[:, off_start: off_start + y_frames.shape[-1]] = np.fft.rfft(
        fft_window * y_frames, axis=-2)
    return stft_matrix


def stft_reference(y, *, n_fft, hop_length):
    """Plain textbook centred STFT (zero pad n_fft//2 both sides) used only to
    cross-check that the head/middle/tail logic above changes nothing."""
    w = hann_periodic(n_fft)
    yp = np.pad(y, (n_fft // 2, n_fft // 2), mode="constant")
    n_frames = 1 + (len(yp) - n_fft) // hop_length
    out = np.empty((1 + n_fft // 2, n_frames), dtype=np.complex128)
    for t in range(n_frames):
        out[:, t] = np.fft.rfft(w * yp[t * hop_length: t * hop_length + n_fft])
    return out


# ---------------------------------------------------------------------------
# librosa/core/spectrum.py :: _spectrogram  +  librosa/feature/spectral.py ::
# melspectrogram  (librosa 0.10.x)
# ---------------------------------------------------------------------------
def melspectrogram(*, y, sr=22050, n_fft=2048, hop_length=512, power=2.0,
                   center=True, pad_mode="constant", **kwargs):
    """librosa.feature.melspectrogram (window='hann', win_length=n_fft)."""
    # _spectrogram: S = np.abs(stft(y, ...)) ** power
    S = np.abs(stft(y, n_fft=n_fft, hop_length=hop_length, center=center,
                    pad_mode=pad_mode)) ** power

    # Build a Mel filter
    mel_basis = mel_filterbank(sr=sr, n_fft=n_fft, **kwargs)

    return np.einsum("...ft,mf->...mt", S, mel_basis, optimize=True)


# ---------------------------------------------------------------------------
# librosa/core/spectrum.py :: power_to_db  (librosa 0.10.x)
# ---------------------------------------------------------------------------
def power_to_db(S, *, ref=1.0, amin=1e-10, top_db=80.0):
    """librosa.power_to_db."""
    S = np.asarray(S)

    if amin <= 0:
        raise ValueError("amin must be strictly positive")

    if np.issubdtype(S.dtype, np.complexfloating):
        magnitude = np.abs(S)
    else:
        magnitude = S

    if callable(ref):
        # User supplied a function to calculate reference power
        ref_value = ref(magnitude)
    else:
        ref_value = np.abs(ref)

    log_spec = 10.0 * np.log10(np.maximum(amin, magnitude))
    log_spec -= 10.0 * np.log10(np.maximum(amin, ref_value))

    if top_db is not None:
        if top_db < 0:
            raise ValueError("top_db must be non-negative")
        log_spec = np.maximum(log_spec, log_spec.max() - top_db)

    return log_spec


# ===========================================================================
# Documented anchor values.  Each entry: (description, source, actual, expected,
# tolerance).  librosa's doctests print with np.set_printoptions(precision=3),
# so "to the printed precision" means |actual - expected| <= 0.5e-3 (+ a
# hair for binary rounding).
# ===========================================================================
P3 = 0.5e-3 + 1e-9  # half a unit in the 3rd decimal

SRC_CONVERT = ("librosa docstring, librosa/core/convert.py (librosa/librosa, "
               "commit 025ef7d1c7ad6d8593b959c41bf12eb7c945c6eb); rendered at ")
URL_HZ2MEL = "https://librosa.org/doc/latest/api/generated/librosa.hz_to_mel.html"
URL_MEL2HZ = "https://librosa.org/doc/0.10.1/generated/librosa.mel_to_hz.html"
URL_MELF = "https://librosa.org/doc/latest/generated/librosa.mel_frequencies.html"
URL_FFTF = "https://librosa.org/doc/latest/api/generated/librosa.fft_frequencies.html"
URL_MELFB = "https://librosa.org/doc/latest/generated/librosa.filters.mel.html"
URL_RUST_MEL = "https://docs.rs/mel_filter/latest/mel_filter/fn.mel.html"
URL_RUST_HZ2MEL = "https://docs.rs/mel_filter/latest/mel_filter/fn.hz_to_mel.html"
URL_RUST_MEL2HZ = "https://docs.rs/mel_filter/latest/mel_filter/fn.mel_to_hz.html"

# librosa.mel_frequencies(n_mels=40), as printed in the docstring / docs page
DOC_MEL_FREQUENCIES_40 = [
    0.0, 85.317, 170.635, 255.952,
    341.269, 426.586, 511.904, 597.221,
    682.538, 767.855, 853.173, 938.49,
    1024.856, 1119.114, 1222.042, 1334.436,
    1457.167, 1591.187, 1737.532, 1897.337,
    2071.84, 2262.393, 2470.47, 2697.686,
    2945.799, 3216.731, 3512.582, 3835.643,
    4188.417, 4573.636, 4994.285, 5453.621,
    5955.205, 6502.92, 7101.009, 7754.107,
    8467.272, 9246.028, 10096.408, 11025.0,
]

# librosa.fft_frequencies(sr=22050, n_fft=16), as printed
DOC_FFT_FREQUENCIES_16 = [0.0, 1378.125, 2756.25, 4134.375,
                          5512.5, 6890.625, 8268.75, 9646.875, 11025.0]

# Third-party, full precision: Rust crate `mel_filter` (docs.rs), which
# advertises "Same as librosa.filters.mel" and asserts these f64 values in its
# doc-tests for mel(22050, 2048, ...) with Slaney norm.
RUST_MELFB_ROW0_6 = [0.0, 0.016182853208219942, 0.032365706416439884,
                     0.028990088037379964, 0.012807234829160026, 0.0]
RUST_MELFB_ROW1_9 = [0.0, 0.0, 0.0, 0.009779235793639925, 0.025962089001859864,
                     0.035393705451959974, 0.01921085224374004,
                     0.003027999035520103, 0.0]
RUST_HZ_TO_MEL_11025 = 49.91059448015905
RUST_HZ_TO_MEL_60 = 0.8999999999999999
RUST_MEL_TO_HZ_1_5 = [66.66666666666667, 133.33333333333334, 200.0,
                      266.6666666666667, 333.33333333333337]


def check_anchors():
    """Assert that our functions reproduce librosa's documented numbers."""
    results = []

    def chk(desc, source, actual, expected, tol, rel=False):
        a = np.asarray(actual, dtype=np.float64)
        e = np.asarray(expected, dtype=np.float64)
        assert a.shape == e.shape, f"{desc}: shape {a.shape} != {e.shape}"
        err = np.abs(a - e)
        if rel:
            err = err / np.maximum(np.abs(e), 1e-300)
        worst = float(err.max()) if err.size else 0.0
        ok = bool(worst <= tol)
        results.append((ok, desc, worst, tol, source))
        if not ok:
            raise AssertionError(
                f"ANCHOR FAILED: {desc}\n  source: {source}\n"
                f"  actual:   {a!r}\n  expected: {e!r}\n  worst err {worst:g} > tol {tol:g}")

    # -- librosa documentation (printed to 3 decimals) --------------------
    chk("hz_to_mel(60) == 0.9", SRC_CONVERT + URL_HZ2MEL,
        hz_to_mel(60), 0.9, P3)
    chk("hz_to_mel([110, 220, 440]) == [1.65, 3.3, 6.6]", SRC_CONVERT + URL_HZ2MEL,
        hz_to_mel([110, 220, 440]), [1.65, 3.3, 6.6], P3)
    chk("mel_to_hz(3) == 200.", SRC_CONVERT + URL_MEL2HZ,
        mel_to_hz(3), 200.0, P3)
    chk("mel_to_hz([1,2,3,4,5]) == [66.667, 133.333, 200., 266.667, 333.333]",
        SRC_CONVERT + URL_MEL2HZ,
        mel_to_hz([1, 2, 3, 4, 5]), [66.667, 133.333, 200.0, 266.667, 333.333], P3)
    chk("mel_frequencies(n_mels=40) (all 40 printed values)", SRC_CONVERT + URL_MELF,
        mel_frequencies(n_mels=40), DOC_MEL_FREQUENCIES_40, P3)
    chk("fft_frequencies(sr=22050, n_fft=16) (all 9 printed values)",
        SRC_CONVERT + URL_FFTF,
        fft_frequencies(sr=22050, n_fft=16), DOC_FFT_FREQUENCIES_16, P3)

    fb = mel_filterbank(sr=22050, n_fft=2048)  # librosa defaults (float32)
    assert fb.shape == (128, 1025), fb.shape
    assert fb.dtype == np.float32, fb.dtype
    # printed: array([[ 0.   ,  0.016, ...,  0.   ,  0.   ],
    #                 [ 0.   ,  0.   , ...,  0.   ,  0.   ],
    #                 ...,
    #                 [ 0.   ,  0.   , ...,  0.   ,  0.   ],
    #                 [ 0.   ,  0.   , ...,  0.   ,  0.   ]])
    corners = [fb[0, 0], fb[0, 1], fb[0, -2], fb[0, -1],
               fb[1, 0], fb[1, 1], fb[1, -2], fb[1, -1],
               fb[-2, 0], fb[-2, 1], fb[-2, -2], fb[-2, -1],
               fb[-1, 0], fb[-1, 1], fb[-1, -2], fb[-1, -1]]
    chk("filters.mel(sr=22050, n_fft=2048): printed corners "
        "[[0, 0.016, .., 0, 0], [0, 0, .., 0, 0], .., [0, 0, .., 0, 0], [0, 0, .., 0, 0]]",
        "librosa docstring, librosa/filters.py::mel; rendered at " + URL_MELFB,
        corners, [0, 0.016, 0, 0] + [0] * 12, P3)
    fb8 = mel_filterbank(sr=22050, n_fft=2048, fmax=8000)
    # printed: array([[ 0.  ,  0.02, ...,  0.  ,  0.  ], ... all other corners 0.
    corners8 = [fb8[0, 0], fb8[0, 1], fb8[0, -2], fb8[0, -1],
                fb8[1, 0], fb8[1, 1], fb8[-1, 0], fb8[-1, 1],
                fb8[-1, -2], fb8[-1, -1]]
    chk("filters.mel(sr=22050, n_fft=2048, fmax=8000): printed corners "
        "[[0, 0.02, .., 0, 0], .., [0, 0, .., 0, 0]]",
        "librosa docstring, librosa/filters.py::mel ('Clip the maximum frequency "
        "to 8KHz'); rendered at " + URL_MELFB,
        corners8, [0, 0.02, 0, 0] + [0] * 6, P3)

    # -- third-party port, full double precision ---------------------------
    fb64 = mel_filterbank(sr=22050, n_fft=2048, dtype=np.float64)
    chk("mel(22050, 2048)[0, :6] (f64, rel 1e-12)", "docs.rs mel_filter " + URL_RUST_MEL,
        fb64[0, :6], RUST_MELFB_ROW0_6, 1e-12, rel=False)
    chk("mel(22050, 2048)[1, :9] (f64, abs 1e-15)", "docs.rs mel_filter " + URL_RUST_MEL,
        fb64[1, :9], RUST_MELFB_ROW1_9, 1e-15)
    chk("hz_to_mel(11025) == 49.91059448015905 (rel 1e-15)",
        "docs.rs mel_filter " + URL_RUST_HZ2MEL,
        hz_to_mel(11025.0), RUST_HZ_TO_MEL_11025, 1e-15, rel=True)
    chk("hz_to_mel(60) == 0.8999999999999999 (exact)",
        "docs.rs mel_filter " + URL_RUST_HZ2MEL,
        hz_to_mel(60.0), RUST_HZ_TO_MEL_60, 0.0)
    chk("mel_to_hz([1..5]) full precision (rel 1e-15)",
        "docs.rs mel_filter " + URL_RUST_MEL2HZ,
        mel_to_hz([1.0, 2.0, 3.0, 4.0, 5.0]), RUST_MEL_TO_HZ_1_5, 1e-15, rel=True)

    # -- power_to_db: librosa's doc examples use audio files, so only the
    #    documented formula 10*log10(max(amin,S)) - 10*log10(max(amin,ref)),
    #    floor at max - top_db, is checked on hand values ------------------
    s = np.array([1.0, 10.0, 100.0, 0.0])
    chk("power_to_db([1,10,100,0], top_db=None) == [0,10,20,-100]",
        "documented formula, librosa.power_to_db",
        power_to_db(s, top_db=None), [0, 10, 20, -100], 1e-12)
    chk("power_to_db([1,10,100,0]) (top_db=80) == [0,10,20,-60]",
        "documented formula, librosa.power_to_db",
        power_to_db(s), [0, 10, 20, -60], 1e-12)
    chk("power_to_db([1,10,100,0], ref=np.max, top_db=None) == [-20,-10,0,-120]",
        "documented formula, librosa.power_to_db",
        power_to_db(s, ref=np.max, top_db=None), [-20, -10, 0, -120], 1e-12)
    return results


def self_checks():
    """Internal consistency checks (not documentation anchors)."""
    msgs = []
    for n in (1000, 2048, 7):
        w = hann_periodic(n)
        # closed form, periodic Hann
        cf = 0.5 - 0.5 * np.cos(2.0 * np.pi * np.arange(n) / n)
        assert np.max(np.abs(w - cf)) < 1e-15, n
        if HAVE_SCIPY:
            ws = scipy.signal.get_window("hann", n, fftbins=True)
            assert np.array_equal(w, ws), f"hann({n}) != scipy.signal.get_window"
    msgs.append("hann_periodic == closed form (<1e-15)"
                + (" and bit-identical to scipy.signal.get_window('hann', N, fftbins=True)"
                   if HAVE_SCIPY else " (scipy not available: bit-identity not checked)"))
    return msgs


# ===========================================================================
# Test signal
# ===========================================================================
SR = 22050
N_SAMPLES = 22050
SEED = 20240601
GAP = (12128, 15436)  # [start, stop) samples of digital silence (~0.55 s .. 0.70 s)


def make_signal():
    """Deterministic 1.0 s mono test signal, float32, peak 0.8."""
    t = np.arange(N_SAMPLES, dtype=np.float64) / SR
    y = np.zeros(N_SAMPLES, dtype=np.float64)
    # a few steady sines (below and above the 1 kHz linear/log mel knee)
    for f, a in ((261.63, 0.25), (1000.0, 0.15), (3520.0, 0.08), (9000.0, 0.03)):
        y += a * np.sin(2.0 * np.pi * f * t)
    # linear chirp 100 Hz -> 8 kHz over the whole second
    f0, f1, T = 100.0, 8000.0, N_SAMPLES / SR
    y += 0.2 * np.sin(2.0 * np.pi * (f0 * t + 0.5 * (f1 - f0) / T * t * t))
    # low-level seeded white noise (legacy RandomState: stream frozen by numpy)
    rng = np.random.RandomState(SEED)
    y += 1e-3 * rng.standard_normal(N_SAMPLES)
    # short gap of *digital* silence (exact zeros; exercises amin / top_db)
    y[GAP[0]:GAP[1]] = 0.0
    # scale to peak 0.8, then cast to float32
    y *= 0.8 / np.max(np.abs(y))
    return y.astype(np.float32)


# ===========================================================================
# Golden cases
# ===========================================================================
CASES = {
    "default": dict(sr=22050, n_fft=2048, hop_length=512, n_mels=128,
                    fmin=0.0, fmax=None, power=2.0,
                    ref=1.0, amin=1e-10, top_db=80.0),
    "custom": dict(sr=22050, n_fft=1000, hop_length=250, n_mels=40,
                   fmin=50.0, fmax=7000.0, power=2.0,
                   ref=np.max, amin=1e-10, top_db=None),
}


def run_case(y64, p):
    melfb = mel_filterbank(sr=p["sr"], n_fft=p["n_fft"], n_mels=p["n_mels"],
                           fmin=p["fmin"], fmax=p["fmax"], dtype=np.float64)
    melpower = melspectrogram(y=y64, sr=p["sr"], n_fft=p["n_fft"],
                              hop_length=p["hop_length"], power=p["power"],
                              n_mels=p["n_mels"], fmin=p["fmin"], fmax=p["fmax"],
                              dtype=np.float64)
    db = power_to_db(melpower, ref=p["ref"], amin=p["amin"], top_db=p["top_db"])
    return melfb, melpower, db


def librosa_float32_paths(y32, p, db_golden):
    """How far librosa's default float32 behaviour lands from the goldens.

    (a) librosa.feature.melspectrogram(y=y64) with the default float32 mel basis
    (b) librosa fed the float32 signal directly: stft -> complex64, |.|**2 in
        float32, float32 basis, float32 einsum, float32 power_to_db.
    """
    # (a)
    S64 = np.abs(stft(y32.astype(np.float64), n_fft=p["n_fft"],
                      hop_length=p["hop_length"])) ** p["power"]
    fb32 = mel_filterbank(sr=p["sr"], n_fft=p["n_fft"], n_mels=p["n_mels"],
                          fmin=p["fmin"], fmax=p["fmax"])  # float32 default
    db_a = power_to_db(np.einsum("...ft,mf->...mt", S64, fb32, optimize=True),
                       ref=p["ref"], amin=p["amin"], top_db=p["top_db"])
    # (b)
    D32 = stft(y32, n_fft=p["n_fft"], hop_length=p["hop_length"])
    assert D32.dtype == np.complex64
    S32 = np.abs(D32) ** p["power"]
    M32 = np.einsum("...ft,mf->...mt", S32, fb32, optimize=True)
    assert M32.dtype == np.float32
    db_b = power_to_db(M32, ref=p["ref"], amin=p["amin"], top_db=p["top_db"])
    return (float(np.max(np.abs(db_a - db_golden))),
            float(np.max(np.abs(db_b.astype(np.float64) - db_golden))))


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    os.chdir(here)
    print(f"numpy {np.__version__}" + (f", scipy {scipy.__version__}" if HAVE_SCIPY else ", no scipy"))

    print("\n== Documented anchors ==")
    for ok, desc, worst, tol, src in check_anchors():
        print(f"  [{'PASS' if ok else 'FAIL'}] {desc}  (max err {worst:.3g} <= {tol:.3g})\n"
              f"         source: {src}")
    print("\n== Self checks ==")
    for m in self_checks():
        print("  [PASS] " + m)

    # ---- input ------------------------------------------------------------
    y32 = make_signal()
    assert y32.dtype == np.float32 and y32.shape == (N_SAMPLES,)
    assert np.all(y32[GAP[0]:GAP[1]] == 0.0)
    np.save("input_22050.npy", y32)
    y32 = np.load("input_22050.npy")  # from here on: exactly what Java reads
    y64 = y32.astype(np.float64)
    print(f"\ninput_22050.npy: float32 {y32.shape}, peak {np.max(np.abs(y32)):.6f}, "
          f"silence gap samples [{GAP[0]}, {GAP[1]})")

    # ---- cases ------------------------------------------------------------
    for name, p in CASES.items():
        n_fft, hop = p["n_fft"], p["hop_length"]
        n_frames = 1 + (len(y64) + 2 * (n_fft // 2) - n_fft) // hop
        assert n_frames == 1 + len(y64) // hop  # (true for even n_fft)

        # the 0.10 head/middle/tail STFT == plain zero-padded STFT
        D = stft(y64, n_fft=n_fft, hop_length=hop)
        Dref = stft_reference(y64, n_fft=n_fft, hop_length=hop)
        assert D.shape == Dref.shape == (1 + n_fft // 2, n_frames), (D.shape, Dref.shape)
        assert np.array_equal(D, Dref), "stft head/tail logic differs from full pad"

        melfb, melpower, db = run_case(y64, p)
        assert melfb.shape == (p["n_mels"], 1 + n_fft // 2)
        assert melpower.shape == db.shape == (p["n_mels"], n_frames)
        for arr in (melfb, melpower, db):
            assert arr.dtype == np.float64 and np.all(np.isfinite(arr))

        for suffix, arr in (("melfb", melfb), ("melpower", melpower), ("db", db)):
            np.save(f"{name}_{suffix}.npy", np.ascontiguousarray(arr, dtype="<f8"))
        # The filter banks are ~98% zeros: store them gzipped (mtime 0, so the bytes are reproducible).
        fb = f"{name}_melfb.npy"
        with open(fb, "rb") as src, open(fb + ".gz", "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
                gz.write(src.read())
        os.remove(fb)

        da, dbb = librosa_float32_paths(y32, p, db)
        ref_desc = "np.max" if callable(p["ref"]) else repr(p["ref"])
        print(f"\n[{name}] sr={p['sr']} n_fft={n_fft} hop={hop} n_mels={p['n_mels']} "
              f"fmin={p['fmin']} fmax={p['fmax']} power={p['power']} ref={ref_desc} "
              f"amin={p['amin']} top_db={p['top_db']}")
        print(f"  melfb {melfb.shape}, melpower {melpower.shape}, db {db.shape}")
        print(f"  melpower range [{melpower.min():.6g}, {melpower.max():.6g}], "
              f"exact zeros: {int(np.sum(melpower == 0))}")
        print(f"  db range [{db.min():.6f}, {db.max():.6f}]")
        print(f"  max |dB diff| vs librosa default float32 mel basis (y float64): {da:.3g}")
        print(f"  max |dB diff| vs librosa all-float32 path (y float32):        {dbb:.3g}")

    print("\n== Files ==")
    total = 0
    for fn in sorted(os.listdir(".")):
        if fn.endswith(".npy"):
            a = np.load(fn)
            sz = os.path.getsize(fn)
            total += sz
            print(f"  {fn:24s} {str(a.dtype):8s} {str(a.shape):12s} {sz:9d} B  sha256 {sha256(fn)[:16]}")
    print(f"  total .npy bytes: {total}")


if __name__ == "__main__":
    main()
