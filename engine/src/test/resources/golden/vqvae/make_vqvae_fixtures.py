#!/usr/bin/python3
"""Golden fixtures for the Java port of the Jukebox VQ-VAE (tiny configuration).

Regenerate (from this directory; needs Debian's python3-torch 1.13 and python3-numpy):

    /usr/bin/python3 make_vqvae_fixtures.py

What it does
------------
1. Re-implements, in plain PyTorch, the module tree of openai/jukebox's VQ-VAE
   (jukebox/vqvae/vqvae.py, encdec.py, resnet.py, bottleneck.py) with the same
   attribute names, so ``state_dict()`` keys are identical to the official
   checkpoints' (e.g. ``encoders.0.level_blocks.0.model.0.0.weight``).
   This is an independent re-implementation written from the spec
   (/work/shared/design/jukebox-architecture.md §1), not a copy of the original.
2. Builds a TINY model (see ``TINY_CONFIG``), initialises it deterministically
   (seeded normal weights scaled by 1/sqrt(fan_in), codebooks from encoder outputs
   like Jukebox's ``init_k``) and runs encode / quantise / dequantise / decode on a
   seeded input x of shape (2, 512).
3. Writes .npy fixtures, the state dict in three serialisations (zip, legacy,
   fp16 legacy), ``keys.txt``, ``losses.json`` and ``tiny_config.json``.
4. Self-checks: key names / count against the spec's patterns, file magic bytes,
   reload of each checkpoint reproduces the decoder outputs, expanded-form vs
   direct-form nearest-code search, standalone convs vs a naive numpy reference.

Everything runs on CPU in float32 with one thread, so the output is deterministic
for a given torch build.
"""

import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))

torch.set_num_threads(1)
torch.manual_seed(0)
torch.set_default_dtype(torch.float32)

# Exactly the JSON the Java config record parses (snake_case field names).
TINY_CONFIG = {
    "sample_rate": 22050,
    "levels": 3,
    "downs_t": [2, 1, 1],
    "strides_t": [2, 2, 2],
    "emb_width": 8,
    "l_bins": 32,
    "width": 8,
    "depth": 2,
    "m_conv": 1.0,
    "dilation_growth_rate": 3,
    "dilation_cycle": None,
    "multipliers": [2, 1, 1],
    "reverse_decoder_dilation": True,
    "l_mu": 0.99,
    "commit": 0.02,
    "revival_threshold": 1.0,
}

N_BATCH, T_LEN = 2, 512


# ---------------------------------------------------------------------------
# Modules (same tree / attribute names as openai/jukebox)
# ---------------------------------------------------------------------------

class ResConv1DBlock(nn.Module):
    """resnet.py ResConv1DBlock: x + res_scale * conv1x1(relu(conv3_dil(relu(x)))).

    Sequential indices: 0 ReLU, 1 Conv1d(k3, pad=dil, dil), 2 ReLU, 3 Conv1d(k1).
    """

    def __init__(self, n_in, n_state, dilation=1, res_scale=1.0):
        super().__init__()
        layers = [
            nn.ReLU(),
            nn.Conv1d(n_in, n_state, kernel_size=3, stride=1, padding=dilation, dilation=dilation),
            nn.ReLU(),
            nn.Conv1d(n_state, n_in, kernel_size=1, stride=1, padding=0),
        ]
        self.model = nn.Sequential(*layers)
        self.res_scale = res_scale
        self.dilation = dilation

    def forward(self, x):
        return x + self.res_scale * self.model(x)


class Resnet1D(nn.Module):
    """resnet.py Resnet1D: ``depth`` dilated residual blocks in ``self.model``.

    Block j gets dilation growth**(j or j % cycle); with reverse_dilation the list
    is reversed before registration (module index 0 = largest dilation).
    """

    def __init__(self, n_in, n_depth, m_conv=1.0, dilation_growth_rate=1, dilation_cycle=None,
                 res_scale=False, reverse_dilation=False):
        super().__init__()
        scale = 1.0 / math.sqrt(n_depth) if res_scale else 1.0
        blocks = []
        for j in range(n_depth):
            exponent = j if dilation_cycle is None else j % dilation_cycle
            blocks.append(ResConv1DBlock(n_in, int(m_conv * n_in),
                                         dilation=dilation_growth_rate ** exponent, res_scale=scale))
        if reverse_dilation:
            blocks.reverse()
        self.model = nn.Sequential(*blocks)

    def forward(self, x):
        return self.model(x)


class EncoderConvBlock(nn.Module):
    """encdec.py EncoderConvBlock: down_t x [Conv1d(k4,s2,p1) -> Resnet1D], then Conv1d(k3,p1)."""

    def __init__(self, input_emb_width, output_emb_width, down_t, stride_t, width, depth, m_conv,
                 dilation_growth_rate=1, dilation_cycle=None, res_scale=False):
        super().__init__()
        kernel, pad = stride_t * 2, stride_t // 2
        seq = []
        for i in range(down_t):
            seq.append(nn.Sequential(
                nn.Conv1d(input_emb_width if i == 0 else width, width, kernel, stride_t, pad),
                Resnet1D(width, depth, m_conv, dilation_growth_rate, dilation_cycle, res_scale),
            ))
        seq.append(nn.Conv1d(width, output_emb_width, 3, 1, 1))
        self.model = nn.Sequential(*seq)

    def forward(self, x):
        return self.model(x)


class DecoderConvBock(nn.Module):  # (sic) spelling as in jukebox
    """encdec.py DecoderConvBock: Conv1d(k3,p1), then down_t x [Resnet1D(reversed) -> ConvT(k4,s2,p1)]."""

    def __init__(self, input_emb_width, output_emb_width, down_t, stride_t, width, depth, m_conv,
                 dilation_growth_rate=1, dilation_cycle=None, res_scale=False,
                 reverse_decoder_dilation=False):
        super().__init__()
        kernel, pad = stride_t * 2, stride_t // 2
        seq = [nn.Conv1d(output_emb_width, width, 3, 1, 1)]
        for i in range(down_t):
            out_ch = input_emb_width if i == down_t - 1 else width
            seq.append(nn.Sequential(
                Resnet1D(width, depth, m_conv, dilation_growth_rate, dilation_cycle, res_scale,
                         reverse_dilation=reverse_decoder_dilation),
                nn.ConvTranspose1d(width, out_ch, kernel, stride_t, pad),
            ))
        self.model = nn.Sequential(*seq)

    def forward(self, x):
        return self.model(x)


class Encoder(nn.Module):
    """encdec.py Encoder: level_blocks[0..levels-1] applied in order; returns every level's output."""

    def __init__(self, input_emb_width, output_emb_width, levels, downs_t, strides_t, **kw):
        super().__init__()
        kw = {k: v for k, v in kw.items() if k != "reverse_decoder_dilation"}
        self.levels, self.downs_t, self.strides_t = levels, list(downs_t), list(strides_t)
        self.level_blocks = nn.ModuleList(
            EncoderConvBlock(input_emb_width if lvl == 0 else output_emb_width, output_emb_width,
                             down_t, stride_t, **kw)
            for lvl, down_t, stride_t in zip(range(levels), downs_t, strides_t))

    def forward(self, x):
        outs = []
        for block in self.level_blocks:
            x = block(x)
            outs.append(x)
        return outs


class Decoder(nn.Module):
    """encdec.py Decoder: level_blocks applied in REVERSE order, then ``out`` Conv1d(k3,p1)."""

    def __init__(self, input_emb_width, output_emb_width, levels, downs_t, strides_t, **kw):
        super().__init__()
        self.levels = levels
        self.level_blocks = nn.ModuleList(
            DecoderConvBock(output_emb_width, output_emb_width, down_t, stride_t, **kw)
            for _, down_t, stride_t in zip(range(levels), downs_t, strides_t))
        self.out = nn.Conv1d(output_emb_width, input_emb_width, 3, 1, 1)

    def forward(self, xs, all_levels=True):
        assert len(xs) == (self.levels if all_levels else 1)
        x = xs[-1]
        for lvl in reversed(range(self.levels)):
            x = self.level_blocks[lvl](x)
            if all_levels and lvl != 0:
                x = x + xs[lvl - 1]
        return self.out(x)


class BottleneckBlock(nn.Module):
    """bottleneck.py BottleneckBlock: codebook buffer ``k`` (l_bins, emb_width)."""

    def __init__(self, k_bins, emb_width, mu):
        super().__init__()
        self.k_bins, self.emb_width, self.mu = k_bins, emb_width, mu
        self.register_buffer("k", torch.zeros(k_bins, emb_width))

    @staticmethod
    def preprocess(x):
        # (N, C, T) -> (N, T, C) -> (N*T, C)
        return x.permute(0, 2, 1).contiguous().view(-1, x.shape[1])

    def quantise(self, x):
        # expanded distance: |x|^2 - 2 x.k^T + |k|^2, argmin over codes (torch.min picks first min)
        kt = self.k.t()
        dist = (x ** 2).sum(dim=-1, keepdim=True) - 2 * torch.matmul(x, kt) + (kt ** 2).sum(dim=0, keepdim=True)
        min_d, idx = torch.min(dist, dim=-1)
        return idx, dist

    def encode(self, x):
        n, _, t = x.shape
        idx, _ = self.quantise(self.preprocess(x))
        return idx.view(n, t)

    def decode(self, z):
        n, t = z.shape
        xd = F.embedding(z, self.k)  # (N, T, C)
        return xd.view(n, t, self.emb_width).permute(0, 2, 1).contiguous()

    def commit_loss(self, x):
        """Eval-mode forward's commit loss: ||x_q - x||^2 / numel on the (N*T, C) rows."""
        rows = self.preprocess(x)
        idx, _ = self.quantise(rows)
        xq = F.embedding(idx, self.k)
        return torch.norm(xq - rows) ** 2 / float(np.prod(rows.shape))


class Bottleneck(nn.Module):
    def __init__(self, l_bins, emb_width, mu, levels):
        super().__init__()
        self.level_blocks = nn.ModuleList(BottleneckBlock(l_bins, emb_width, mu) for _ in range(levels))


class VQVAE(nn.Module):
    """vqvae.py VQVAE: independent encoders[L] / decoders[L] per level + shared Bottleneck module."""

    def __init__(self, cfg, x_channels=1):
        super().__init__()
        levels, downs_t, strides_t = cfg["levels"], cfg["downs_t"], cfg["strides_t"]
        self.levels = levels
        self.hop_lengths = list(np.cumprod([s ** d for s, d in zip(strides_t, downs_t)]))
        mults = cfg["multipliers"] or [1] * levels

        def kw(level):
            return dict(width=cfg["width"] * mults[level], depth=cfg["depth"] * mults[level],
                        m_conv=cfg["m_conv"], dilation_growth_rate=cfg["dilation_growth_rate"],
                        dilation_cycle=cfg["dilation_cycle"],
                        reverse_decoder_dilation=cfg["reverse_decoder_dilation"])

        self.encoders = nn.ModuleList()
        self.decoders = nn.ModuleList()
        for level in range(levels):
            self.encoders.append(Encoder(x_channels, cfg["emb_width"], level + 1,
                                         downs_t[:level + 1], strides_t[:level + 1], **kw(level)))
            self.decoders.append(Decoder(x_channels, cfg["emb_width"], level + 1,
                                         downs_t[:level + 1], strides_t[:level + 1], **kw(level)))
        self.bottleneck = Bottleneck(cfg["l_bins"], cfg["emb_width"], cfg["l_mu"], levels)

    def encoder_outputs(self, x_nt):
        x = x_nt.unsqueeze(1).float()  # (N,T) == (N,T,1).permute(0,2,1)
        return [self.encoders[lvl](x)[-1] for lvl in range(self.levels)]

    def decode_level(self, z, level):
        deq = self.bottleneck.level_blocks[level].decode(z)
        return deq, self.decoders[level]([deq], all_levels=False)


# ---------------------------------------------------------------------------
# Deterministic initialisation
# ---------------------------------------------------------------------------

RES_GAIN = 0.5      # gain of the two convs inside each residual branch
MAIN_GAIN = 1.0     # gain of the main-path convs / transposed convs
BIAS_STD = 0.02


def init_weights(model, gen):
    """Seeded normal init, std = gain / sqrt(fan_in).

    fan_in: Conv1d = in_ch * k; ConvTranspose1d = in_ch * k / stride (each output
    sample receives k/stride taps per input channel). Convs inside residual
    branches (ResConv1DBlock.model.1 / .3) use gain RES_GAIN, all others MAIN_GAIN.
    Biases ~ N(0, BIAS_STD). Modules are visited in named_modules() order.
    """
    res_convs = set()
    for m in model.modules():
        if isinstance(m, ResConv1DBlock):
            res_convs.add(id(m.model[1]))
            res_convs.add(id(m.model[3]))
    with torch.no_grad():
        for name, m in model.named_modules():
            if isinstance(m, nn.ConvTranspose1d):
                fan_in = m.in_channels * m.kernel_size[0] / m.stride[0]
            elif isinstance(m, nn.Conv1d):
                fan_in = m.in_channels * m.kernel_size[0]
            else:
                continue
            gain = RES_GAIN if id(m) in res_convs else MAIN_GAIN
            m.weight.copy_(torch.randn(m.weight.shape, generator=gen) * (gain / math.sqrt(fan_in)))
            m.bias.copy_(torch.randn(m.bias.shape, generator=gen) * BIAS_STD)


def init_codebooks(model, x, gen):
    """Like bottleneck.py init_k: rows of the encoder output, tiled if fewer than l_bins
    (with N(0, 0.01/sqrt(emb)) noise as _tile does), random permutation, first l_bins rows.
    Unlike init_k we ALWAYS add that noise (std 0.01/sqrt(emb_width)), so no code is
    bit-identical to an encoder vector."""
    with torch.no_grad():
        encs = model.encoder_outputs(x)
        for lvl, e in enumerate(encs):
            blk = model.bottleneck.level_blocks[lvl]
            rows = BottleneckBlock.preprocess(e)
            d, ew = rows.shape
            std = 0.01 / math.sqrt(ew)
            if d < blk.k_bins:
                rows = rows.repeat((blk.k_bins + d - 1) // d, 1)
            rows = rows + torch.randn(rows.shape, generator=gen) * std
            perm = torch.randperm(rows.shape[0], generator=gen)
            blk.k.copy_(rows[perm][:blk.k_bins])


# ---------------------------------------------------------------------------
# Losses (jukebox/vqvae/vqvae.py _loss_fn, jukebox/utils/audio_utils.py)
# ---------------------------------------------------------------------------

def stft_mag(sig, n_fft, hop, win, via_real_view=True):
    """|STFT| as audio_utils.spec: torch.stft(center=True, reflect, onesided, not normalised),
    periodic Hann window of length win zero-padded (centred) to n_fft; magnitude = L2 norm
    over (re, im)."""
    window = torch.hann_window(win)  # periodic=True (torch default)
    s = torch.stft(sig, n_fft, hop_length=hop, win_length=win, window=window, center=True,
                   pad_mode="reflect", normalized=False, onesided=True, return_complex=True)
    if via_real_view:
        return torch.norm(torch.view_as_real(s), p=2, dim=-1)  # what torch 1.4's (.., 2) output gave
    return s.abs()


def batch_norm2(x):
    return (x.reshape(x.shape[0], -1) ** 2).sum(dim=-1).sqrt()


def multispectral(x, y, resolutions, via_real_view=True):
    """Per item: mean over resolutions of || |STFT(x)| - |STFT(y)| ||_F. Returns (N,)."""
    per_res = []
    for n_fft, hop, win in resolutions:
        per_res.append(batch_norm2(stft_mag(x, n_fft, hop, win, via_real_view)
                                   - stft_mag(y, n_fft, hop, win, via_real_view)))
    return sum(per_res) / len(per_res), per_res


# ---------------------------------------------------------------------------
# Naive references for the standalone conv fixtures (the spec's formulas)
# ---------------------------------------------------------------------------

def naive_conv1d(x, w, b, stride, pad, dil):
    n, cin, t = x.shape
    cout, _, k = w.shape
    tout = (t + 2 * pad - dil * (k - 1) - 1) // stride + 1
    out = np.zeros((n, cout, tout), dtype=np.float64)
    for to in range(tout):
        for kk in range(k):
            ti = to * stride - pad + kk * dil
            if 0 <= ti < t:
                out[:, :, to] += np.einsum("nc,oc->no", x[:, :, ti], w[:, :, kk])
    return out + b[None, :, None]


def naive_convt1d(x, w, b, stride, pad):
    n, cin, t = x.shape
    _, cout, k = w.shape
    tout = (t - 1) * stride - 2 * pad + k
    out = np.zeros((n, cout, tout), dtype=np.float64)
    for s in range(t):
        for kk in range(k):
            to = s * stride - pad + kk
            if 0 <= to < tout:
                out[:, :, to] += np.einsum("nc,co->no", x[:, :, s], w[:, :, kk])
    return out + b[None, :, None]


# ---------------------------------------------------------------------------

def parse_legacy_without_torch(path):
    """Parse a legacy (pre-zip) torch.save file with plain pickle + struct, the way a Java
    reader must: magic pickle, protocol pickle, sys_info pickle, main pickle (tensors via
    torch._utils._rebuild_tensor_v2, storages as persistent ids
    ('storage', <FloatStorage|HalfStorage>, key, location, numel, view_metadata)),
    pickle of the storage-key list, then per key: int64 LE element count + raw LE data."""
    import collections
    import pickle
    import struct

    class Unp(pickle.Unpickler):
        def find_class(self, module, name):
            if module == "torch._utils" and name == "_rebuild_tensor_v2":
                return lambda st, off, size, stride, *rest: ("tensor", st, off, tuple(size), tuple(stride))
            if module == "collections" and name == "OrderedDict":
                return collections.OrderedDict
            if module == "torch" and name in ("FloatStorage", "HalfStorage"):
                return name
            raise pickle.UnpicklingError(f"unexpected global {module}.{name}")

        def persistent_load(self, pid):
            return pid

    with open(path, "rb") as f:
        magic = pickle.Unpickler(f).load()
        proto = pickle.Unpickler(f).load()
        sys_info = pickle.Unpickler(f).load()
        assert magic == 0x1950a86a20f9469cfc6c and proto == 1001, (magic, proto)
        main = Unp(f).load()
        keys = pickle.Unpickler(f).load()
        stype_of = {t[1][2]: t[1][1] for t in main["model"].values()}
        storages = {}
        for key in keys:
            (numel,) = struct.unpack("<q", f.read(8))
            storages[key] = (numel, f.read(numel * (4 if stype_of[key] == "FloatStorage" else 2)))
        assert f.read() == b"", "trailing bytes"
    out = {}
    for name, (_, st, off, size, stride) in main["model"].items():
        _, stype, key, loc, numel, _view = st
        dt = np.dtype("<f4") if stype == "FloatStorage" else np.dtype("<f2")
        flat = np.frombuffer(storages[key][1], dtype=dt)
        assert storages[key][0] == numel
        n = int(np.prod(size))
        contiguous = all(stride[i] == int(np.prod(size[i + 1:])) for i in range(len(size)))
        assert contiguous and off == 0 and n == numel, name
        out[name] = flat[:n].reshape(size)
    return sys_info, main["step"], out


def save_npy(name, arr):
    arr = np.ascontiguousarray(arr)
    assert arr.dtype in (np.float32, np.int64), (name, arr.dtype)
    np.save(os.path.join(HERE, name), arr)
    return list(arr.shape)


def expected_keys(cfg):
    """Key names and shapes from the spec's §1.7 patterns, generalised to cfg."""
    keys = []
    ew, mults = cfg["emb_width"], cfg["multipliers"]
    downs = cfg["downs_t"]
    for E in range(cfg["levels"]):
        W, D = cfg["width"] * mults[E], cfg["depth"] * mults[E]
        for l in range(E + 1):
            for i in range(downs[l]):
                cin = (1 if l == 0 else ew) if i == 0 else W
                p = f"encoders.{E}.level_blocks.{l}.model.{i}."
                keys += [(p + "0.weight", [W, cin, 4]), (p + "0.bias", [W])]
                for j in range(D):
                    q = f"{p}1.model.{j}.model."
                    keys += [(q + "1.weight", [W, W, 3]), (q + "1.bias", [W]),
                             (q + "3.weight", [W, W, 1]), (q + "3.bias", [W])]
            p = f"encoders.{E}.level_blocks.{l}.model.{downs[l]}."
            keys += [(p + "weight", [ew, W, 3]), (p + "bias", [ew])]
    for E in range(cfg["levels"]):
        W, D = cfg["width"] * mults[E], cfg["depth"] * mults[E]
        for l in range(E + 1):
            p = f"decoders.{E}.level_blocks.{l}.model."
            keys += [(p + "0.weight", [W, ew, 3]), (p + "0.bias", [W])]
            for i in range(downs[l]):
                for j in range(D):
                    q = f"{p}{1 + i}.0.model.{j}.model."
                    keys += [(q + "1.weight", [W, W, 3]), (q + "1.bias", [W]),
                             (q + "3.weight", [W, W, 1]), (q + "3.bias", [W])]
                cout = ew if i == downs[l] - 1 else W
                keys += [(f"{p}{1 + i}.1.weight", [W, cout, 4]), (f"{p}{1 + i}.1.bias", [cout])]
        keys += [(f"decoders.{E}.out.weight", [1, ew, 3]), (f"decoders.{E}.out.bias", [1])]
    for E in range(cfg["levels"]):
        keys.append((f"bottleneck.level_blocks.{E}.k", [cfg["l_bins"], ew]))
    return keys


def make_input(gen):
    """x (2, 512): per item a sum of three sines (fixed freqs/amps, seeded phases) + seeded
    Gaussian noise (std 0.03), clipped to [-1, 1]."""
    sr = TINY_CONFIG["sample_rate"]
    t = torch.arange(T_LEN, dtype=torch.float64) / sr
    freqs = [[220.0, 1375.0, 4410.0], [330.0, 990.0, 2756.25]]
    amps = [[0.45, 0.25, 0.12], [0.35, 0.3, 0.15]]
    phases = torch.rand(N_BATCH, 3, generator=gen, dtype=torch.float64) * 2 * math.pi
    noise = torch.randn(N_BATCH, T_LEN, generator=gen, dtype=torch.float64) * 0.03
    x = torch.zeros(N_BATCH, T_LEN, dtype=torch.float64)
    for n in range(N_BATCH):
        for f, a, ph in zip(freqs[n], amps[n], phases[n]):
            x[n] += a * torch.sin(2 * math.pi * f * t + ph)
    x = (x + noise).clamp(-1.0, 1.0)
    return x.float()


def main():
    cfg = TINY_CONFIG
    gen = torch.Generator().manual_seed(20240611)
    report = {}

    with open(os.path.join(HERE, "tiny_config.json"), "w") as f:
        f.write(json.dumps(cfg) + "\n")

    model = VQVAE(cfg).eval()
    for p in model.parameters():
        p.requires_grad_(False)
    init_weights(model, gen)
    x = make_input(gen)
    init_codebooks(model, x, gen)
    print("hop lengths:", model.hop_lengths)

    # --- keys -----------------------------------------------------------------
    sd = model.state_dict()
    got = [(k, list(v.shape)) for k, v in sd.items()]
    exp = expected_keys(cfg)
    assert got == exp, "state-dict keys/shapes differ from the spec patterns"
    n_params = sum(v.numel() for v in sd.values())
    print(f"state dict: {len(got)} keys (matches spec patterns), {n_params} floats")
    print("  first:", got[0], " last:", got[-1])
    for k, s in got:
        print(f"  {k} {s}")
    with open(os.path.join(HERE, "keys.txt"), "w") as f:
        for k, s in got:
            f.write(f"{k} {s}\n")
    # dilation tables
    for E in range(cfg["levels"]):
        enc = [b.dilation for b in model.encoders[E].level_blocks[0].model[0][1].model]
        dec = [b.dilation for b in model.decoders[E].level_blocks[0].model[1][0].model]
        print(f"  dilations encoders[{E}]: {enc}  decoders[{E}]: {dec}")

    # --- forward -------------------------------------------------------------
    shapes = {"x.npy": save_npy("x.npy", x.numpy())}
    outputs = {}
    with torch.no_grad():
        encs = model.encoder_outputs(x)
        for lvl in range(cfg["levels"]):
            blk = model.bottleneck.level_blocks[lvl]
            e = encs[lvl]
            rows = BottleneckBlock.preprocess(e)
            idx, dist = blk.quantise(rows)
            z = idx.view(e.shape[0], e.shape[2])
            # direct-form cross-check and tie margin
            direct = ((rows[:, None, :] - blk.k[None, :, :]) ** 2).sum(-1)
            z_direct = direct.argmin(-1).view_as(z)
            top2 = torch.topk(dist.double(), 2, dim=-1, largest=False).values
            gap = (top2[:, 1] - top2[:, 0])
            used = int(torch.unique(z).numel())
            exact = ((rows.double()[:, None, :] - blk.k.double()[None, :, :]) ** 2).sum(-1)
            err32 = float((dist.double() - exact).abs().max())
            print(f"level {lvl}: enc {tuple(e.shape)} std {e.std():.4f}; codes used {used}/{cfg['l_bins']};"
                  f" expanded-vs-direct argmin mismatches {(z != z_direct).sum().item()};"
                  f" min best-vs-2nd distance gap {gap.min():.3e} (median min-dist {top2[:, 0].median():.3e})")
            print(f"         float32 expanded distance vs float64 direct: max|err| {err32:.2e}"
                  f" (smallest argmin gap is {float(gap.min()) / err32:.0f}x that)")
            report[f"level{lvl}"] = dict(codes_used=used, min_gap=float(gap.min()), dist_f32_err=err32,
                                         mismatches_direct=int((z != z_direct).sum()))
            deq, dec = model.decode_level(z, lvl)
            assert torch.equal(deq, blk.decode(blk.encode(e)))
            print(f"         deq {tuple(deq.shape)}  dec {tuple(dec.shape)} std {dec.std():.4f}"
                  f" (x std {x.std():.4f})")
            shapes[f"enc_{lvl}.npy"] = save_npy(f"enc_{lvl}.npy", e.numpy())
            shapes[f"codes_{lvl}.npy"] = save_npy(f"codes_{lvl}.npy", z.numpy().astype(np.int64))
            shapes[f"deq_{lvl}.npy"] = save_npy(f"deq_{lvl}.npy", deq.numpy())
            shapes[f"dec_{lvl}.npy"] = save_npy(f"dec_{lvl}.npy", dec.numpy())
            outputs[lvl] = (e, z, deq, dec)

    # --- standalone conv fixtures ---------------------------------------------
    with torch.no_grad():
        ct = nn.ConvTranspose1d(3, 5, 4, stride=2, padding=1)
        ct.weight.copy_(torch.randn(ct.weight.shape, generator=gen) * 0.4)
        ct.bias.copy_(torch.randn(ct.bias.shape, generator=gen) * 0.1)
        ct_in = torch.randn(2, 3, 7, generator=gen)
        ct_out = ct(ct_in)
        ref = naive_convt1d(ct_in.double().numpy(), ct.weight.double().numpy(), ct.bias.double().numpy(), 2, 1)
        err_ct = float(np.abs(ref - ct_out.double().numpy()).max())
        for n, a in [("convt_in", ct_in), ("convt_w", ct.weight), ("convt_b", ct.bias), ("convt_out", ct_out)]:
            shapes[n + ".npy"] = save_npy(n + ".npy", a.numpy())

        cv = nn.Conv1d(4, 6, 3, stride=1, padding=9, dilation=9)
        cv.weight.copy_(torch.randn(cv.weight.shape, generator=gen) * 0.3)
        cv.bias.copy_(torch.randn(cv.bias.shape, generator=gen) * 0.1)
        cv_in = torch.randn(2, 4, 20, generator=gen)
        cv_out = cv(cv_in)
        ref = naive_conv1d(cv_in.double().numpy(), cv.weight.double().numpy(), cv.bias.double().numpy(), 1, 9, 9)
        err_cv = float(np.abs(ref - cv_out.double().numpy()).max())
        for n, a in [("conv_in", cv_in), ("conv_w", cv.weight), ("conv_b", cv.bias), ("conv_out", cv_out)]:
            shapes[n + ".npy"] = save_npy(n + ".npy", a.numpy())
    print(f"standalone convs vs naive float64 reference: convT max|diff| {err_ct:.2e}, dilated conv {err_cv:.2e}")
    report["convt_vs_naive"] = err_ct
    report["conv_vs_naive"] = err_cv

    # --- checkpoints ------------------------------------------------------------
    sd = {k: v.clone() for k, v in model.state_dict().items()}
    p_zip = os.path.join(HERE, "tiny_vqvae_zip.pth")
    p_leg = os.path.join(HERE, "tiny_vqvae_legacy.pth.tar")
    p_f16 = os.path.join(HERE, "tiny_vqvae_fp16_legacy.pth.tar")
    torch.save({"model": sd, "step": 0}, p_zip)
    torch.save({"model": sd, "step": 0}, p_leg, _use_new_zipfile_serialization=False)
    sd16 = {k: v.half() for k, v in sd.items()}
    torch.save({"model": sd16, "step": 0}, p_f16, _use_new_zipfile_serialization=False)
    for p, want_zip in [(p_zip, True), (p_leg, False), (p_f16, False)]:
        with open(p, "rb") as f:
            head = f.read(4)
        is_zip = head[:2] == b"PK"
        assert is_zip == want_zip, (p, head)
        if not want_zip:
            assert head[:2] == b"\x80\x02", head  # pickle protocol 2 (the legacy magic-number pickle)
        print(f"{os.path.basename(p)}: first bytes {head!r} -> {'zip' if is_zip else 'legacy pickle'};"
              f" {os.path.getsize(p)} bytes")

    # torch-free parse of the legacy files (what the Java reader does)
    for p, dt in [(p_leg, torch.float32), (p_f16, torch.float16)]:
        sys_info, step, arrays = parse_legacy_without_torch(p)
        assert step == 0 and list(arrays) == [k for k, _ in got]
        ref = sd if dt == torch.float32 else sd16
        assert all(np.array_equal(arrays[k], ref[k].numpy()) for k in arrays)
        print(f"{os.path.basename(p)}: torch-free legacy parse OK, sys_info={sys_info}")

    # reload -> decoder outputs
    fp16_dec_err = {}
    for p, half in [(p_zip, False), (p_leg, False), (p_f16, True)]:
        ck = torch.load(p, map_location="cpu")
        assert ck["step"] == 0 and list(ck["model"].keys()) == [k for k, _ in got]
        want_dtype = torch.float16 if half else torch.float32
        assert all(v.dtype == want_dtype for v in ck["model"].values())
        m2 = VQVAE(cfg).eval()
        m2.load_state_dict({k: v.float() for k, v in ck["model"].items()}, strict=True)
        with torch.no_grad():
            for lvl in range(cfg["levels"]):
                e, z, deq, dec = outputs[lvl]
                deq2, dec2 = m2.decode_level(z, lvl)
                if not half:
                    assert torch.equal(dec2, dec) and torch.equal(deq2, deq), (p, lvl)
                    assert torch.equal(m2.encoder_outputs(x)[lvl], e)
                else:
                    fp16_dec_err[lvl] = float((dec2 - dec).abs().max())
                    # decoder outputs with fp16-rounded weights (computed in float32) from the SAME codes
                    shapes[f"dec16_{lvl}.npy"] = save_npy(f"dec16_{lvl}.npy", dec2.numpy())
        print(f"reload {os.path.basename(p)}: "
              + ("decoder/encoder outputs bit-identical" if not half else
                 f"fp16 weights upcast -> max|dec16 - dec| per level {fp16_dec_err}"))
    report["fp16_dec_maxdiff"] = fp16_dec_err

    # --- losses -------------------------------------------------------------------
    bw = {"l2": float(x.double().var(unbiased=False)), "l1": float(x.double().abs().mean()), "spec": 1.0}
    linf_k = 32
    small = [(64, 16, 48), (32, 8, 24), (16, 4, 12)]
    big = [(2048, 240, 1200), (1024, 120, 600), (512, 50, 240)]
    losses = {
        "description": "Jukebox VQ-VAE training-loss terms for x.npy and this model (eval mode, no EMA update). "
                       "Waveforms are (N,T) = x_target and dec_L[:,0,:] (jukebox squeezes (N,T,1) by a mean over "
                       "the channel axis). All computed in float32 by torch; *_f64 are float64 recomputations.",
        "bandwidth": dict(bw, note="l2 = population variance of x.npy (all 1024 samples), l1 = mean|x|, "
                                   "spec = 1.0 (fixed; not the dataset STFT norm)"),
        "formulas": {
            "l2": "mean((xhat - x)^2) / bandwidth.l2",
            "l1": "mean(|xhat - x|) / bandwidth.l1",
            "linf": f"mean over batch of the top linf_k={linf_k} values of (xhat - x)^2 per item, / bandwidth.l2",
            "lmix_released": "1.0*l2 + 0.02*linf (lmix_l1 = 0), here with linf_k=32 instead of 2048",
            "stft": "torch.stft(center=True, pad_mode='reflect' (pad n_fft//2 each side), onesided, normalized=False, "
                    "window = torch.hann_window(win) i.e. PERIODIC Hann w[n]=0.5-0.5cos(2*pi*n/win), zero-padded to "
                    "n_fft with (n_fft-win)//2 zeros on the left); frames = 1 + T//hop; magnitude = sqrt(re^2+im^2)",
            "multispectral_item": "(1/R) * sum_r || |STFT_r(x)| - |STFT_r(xhat)| ||_F  (Frobenius over (freq, frame))",
            "multispectral": "mean over batch of multispectral_item / bandwidth.spec",
            "commit": "||k[z] - e||^2 / numel(e), e = encoder output rows (N*T_L, emb_width), z = nearest code",
            "total_released_weights": "sum_L lmix_released(x, dec_L) + 1.0*sum_L multispectral_small(x, dec_L) "
                                      "+ 0.02*sum_L commit_L  (spectral weight 0)",
        },
        "linf_k": linf_k,
        "multispec_resolutions_small": small,
        "multispec_resolutions_big": big,
    }
    with torch.no_grad():
        xt = x
        xd = x.double()
        tot_recons, tot_ms, tot_commit = 0.0, 0.0, 0.0
        for lvl in range(cfg["levels"]):
            e, z, deq, dec = outputs[lvl]
            y = dec[:, 0, :]
            diff2 = (y - xt) ** 2
            l2 = float(diff2.mean() / bw["l2"])
            l1 = float((y - xt).abs().mean() / bw["l1"])
            linf = float(torch.topk(diff2.reshape(N_BATCH, -1), linf_k, dim=1).values.mean() / bw["l2"])
            ms_small_items, per_res = multispectral(xt, y, small)
            ms_small = float(ms_small_items.mean() / bw["spec"])
            ms_small_abs = float(multispectral(xt, y, small, via_real_view=False)[0].mean() / bw["spec"])
            ms_small_f64 = float(multispectral(xd, y.double(), small)[0].mean() / bw["spec"])
            commit = float(model.bottleneck.level_blocks[lvl].commit_loss(e))
            ent = {
                "l2": l2, "l1": l1, "linf": linf,
                "lmix_released": l2 + 0.02 * linf,
                "multispectral_small": ms_small,
                "multispectral_small_items": [float(v) for v in ms_small_items],
                "multispectral_small_per_resolution_items": [[float(v) for v in r] for r in per_res],
                "multispectral_small_f64": ms_small_f64,
                "multispectral_small_via_abs": ms_small_abs,
                "commit": commit,
            }
            # the big (released) resolutions: reflect padding of n_fft//2 must be < T
            try:
                ms_big, per_big = multispectral(xt, y, big)
                ent["multispectral_big"] = float(ms_big.mean())
            except RuntimeError as err:
                ent["multispectral_big"] = None
                ent["multispectral_big_error"] = str(err).splitlines()[0]
            # the one released resolution that fits 512 samples (pad 256 < 512)
            ent["stft_512_50_240_only"] = float(multispectral(xt, y, [big[2]])[0].mean())
            losses[f"dec_{lvl}"] = ent
            tot_recons += ent["lmix_released"]
            tot_ms += ms_small
            tot_commit += commit
        losses["sum_recons_lmix_released"] = tot_recons
        losses["sum_multispectral_small"] = tot_ms
        losses["sum_commit"] = tot_commit
        losses["total_released_weights"] = tot_recons + 1.0 * tot_ms + cfg["commit"] * tot_commit
        losses["note_big_resolutions"] = (
            "With T=512, torch.stft(center=True, reflect) needs n_fft//2 < T: n_fft 2048 and 1024 fail, so the "
            "released 3-resolution multispectral loss is NOT computable on x.npy; only (512,50,240) is, given "
            "separately as stft_512_50_240_only (single-resolution value, mean over batch, bandwidth.spec=1).")
    with open(os.path.join(HERE, "losses.json"), "w") as f:
        json.dump(losses, f, indent=2)
        f.write("\n")
    for lvl in range(cfg["levels"]):
        ent = losses[f"dec_{lvl}"]
        print(f"losses dec_{lvl}: " + ", ".join(
            f"{k}={ent[k]:.6g}" for k in ["l2", "l1", "linf", "lmix_released", "multispectral_small",
                                           "commit", "stft_512_50_240_only"]))
        print(f"   multispectral_small f32(real-view) vs f32(abs) rel diff "
              f"{abs(ent['multispectral_small'] - ent['multispectral_small_via_abs']) / ent['multispectral_small']:.2e},"
              f" vs f64 rel diff {abs(ent['multispectral_small'] - ent['multispectral_small_f64']) / ent['multispectral_small']:.2e};"
              f" big: {ent.get('multispectral_big_error', ent['multispectral_big'])}")
    print(f"total (released weights, small STFTs, linf_k=32): {losses['total_released_weights']:.6g}")

    with open(os.path.join(HERE, "shapes.json"), "w") as f:
        json.dump({"torch": torch.__version__, "numpy": np.__version__, "files": shapes,
                   "checks": report}, f, indent=2)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(HERE, n)) for n in os.listdir(HERE))
    print("shapes:", json.dumps(shapes))
    print(f"torch {torch.__version__}; directory size {total} bytes")


if __name__ == "__main__":
    sys.exit(main())
