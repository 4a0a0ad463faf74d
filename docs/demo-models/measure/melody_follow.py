#!/usr/bin/env python3
"""melody_follow.py REF.wav X.wav...: how closely each X follows the notes of REF.

Printed per file: the "low-band frame corr" -- per STFT frame (n_fft 2048, hop 512), the correlation of the dB
spectra between 60 Hz and 1 kHz of REF and X after each file's long-term (time-averaged) spectrum is removed,
averaged over frames. It is ~0 for unrelated audio and 1 for identical audio, and rises when X has REF's notes at
REF's times. Also the Pearson correlation of the two log-mel images (128 mels, floored 80 dB below the max) and
their mean |dB| difference, which mostly reflect the overall spectral balance. Needs numpy only."""
import sys, wave
import numpy as np

def read(path):
    with wave.open(path) as w:
        n, ch, sw, sr = w.getnframes(), w.getnchannels(), w.getsampwidth(), w.getframerate()
        raw = w.readframes(n)
    x = np.frombuffer(raw, dtype={2: np.int16, 4: np.int32}[sw]).astype(np.float64)
    return x.reshape(-1, ch).mean(axis=1) / (32768.0 if sw == 2 else 2147483648.0), sr

def mel_fb(sr, n_fft, n_mels):
    hz2mel = lambda f: 2595 * np.log10(1 + f / 700)
    mel2hz = lambda m: 700 * (10 ** (m / 2595) - 1)
    pts = mel2hz(np.linspace(0, hz2mel(sr / 2), n_mels + 2))
    f = np.fft.rfftfreq(n_fft, 1 / sr)
    fb = np.zeros((n_mels, len(f)))
    for i in range(n_mels):
        l, c, r = pts[i], pts[i + 1], pts[i + 2]
        fb[i] = np.clip(np.minimum((f - l) / (c - l), (r - f) / (r - c)), 0, None)
    return fb, f

def logmel(x, sr):
    n_fft, hop = 2048, 512
    fr = np.lib.stride_tricks.sliding_window_view(x, n_fft)[::hop] * np.hanning(n_fft)
    p = np.abs(np.fft.rfft(fr, axis=1)) ** 2 + 1e-12
    fb, f = mel_fb(sr, n_fft, 128)
    m = 10 * np.log10(p @ fb.T + 1e-12)
    m = np.maximum(m, m.max() - 80)
    low = 10 * np.log10(p[:, (f > 60) & (f < 1000)])
    return m, low

ref, sr = read(sys.argv[1])
R, RL = logmel(ref, sr)
for path in sys.argv[2:]:
    x, _ = read(path)
    X, XL = logmel(x, sr)
    n = min(len(R), len(X))
    corr = np.corrcoef(R[:n].ravel(), X[:n].ravel())[0, 1]
    l1 = np.abs((R[:n] - R[:n].mean()) - (X[:n] - X[:n].mean())).mean()
    # per-frame correlation of the low-band spectra (which partials are where), averaged
    a = RL[:n] - RL[:n].mean(axis=0); b = XL[:n] - XL[:n].mean(axis=0)  # each file's long-term spectrum removed
    a = a - a.mean(axis=1, keepdims=True); b = b - b.mean(axis=1, keepdims=True)
    fc = ((a * b).sum(axis=1) / np.sqrt((a * a).sum(axis=1) * (b * b).sum(axis=1))).mean()
    print(f"{path}: mel corr {corr:.3f}  mean |dB diff| {l1:5.2f}  low-band frame corr {fc:.3f}")
