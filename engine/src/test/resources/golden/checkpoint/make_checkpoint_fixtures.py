#!/usr/bin/python3
"""Regenerates the checkpoint-reader fixtures in this directory (see README.md).

Run with Debian's python3-torch (1.13.x) and numpy:
    apt-get install -y python3-torch
    /usr/bin/python3 make_checkpoint_fixtures.py

Deterministic: fixed seeds, fixed zip timestamps, no randomness from the environment. The script
never loads the malicious files it writes; it only builds their bytes.
"""
import collections
import hashlib
import io
import json
import os
import pickle
import random
import struct
import sys
import types
import zipfile
from pathlib import Path

import numpy as np
import torch

OUT = Path(__file__).resolve().parent
PWNED = "/tmp/pwned-fastjukebox"


# --- harmless stand-ins for the classes a real Jukebox 'hps' may pickle -------------------------
def fake_module(name):
    mod = types.ModuleType(name)
    sys.modules[name] = mod
    return mod


class Hyperparams(dict):
    """Like jukebox.hparams.Hyperparams: a dict subclass, pickled with NEWOBJ + SETITEMS."""


Hyperparams.__module__ = "jukebox.hparams"
fake_module("jukebox")
fake_module("jukebox.hparams").Hyperparams = Hyperparams


class Sneaky:
    """An arbitrary class: fine inside ignored 'hps', refused inside the state dict."""


Sneaky.__module__ = "sneaky"
fake_module("sneaky").Sneaky = Sneaky


class Evil:
    """Pickles as os.system(...) -- written, never loaded."""

    def __reduce__(self):
        return (os.system, ("touch " + PWNED,))


class EvilEval:
    def __reduce__(self):
        import builtins
        return (builtins.eval, ("__import__('os').system('touch %s')" % PWNED,))


# --- the reference tensors ------------------------------------------------------------------------
def make_state_dict():
    torch.manual_seed(20240601)
    base = torch.randn(6, 4)  # one float32 storage under four views
    emb = torch.randn(5, 3)   # tied: two keys, two tensor objects, one storage (as Jukebox's x_emb/x_out)
    sd = collections.OrderedDict()
    sd["enc.weight"] = torch.randn(4, 6)
    sd["enc.bias"] = torch.tensor([65504.0, -2.5, 6e-8, -0.0, 1e-5, 0.1], dtype=torch.float16)
    sd["dec.weight"] = torch.randn(3, 5).bfloat16()
    sd["dec.bias"] = torch.randn(3, dtype=torch.float64)
    sd["counts"] = torch.tensor([-3000000000, -1, 0, 7, 2**40 + 1], dtype=torch.int64)
    sd["i32"] = torch.tensor([-2**31, 5, 2**31 - 1], dtype=torch.int32)
    sd["i16"] = torch.tensor([-32768, 1, 32767], dtype=torch.int16)
    sd["i8"] = torch.tensor([-128, 0, 127], dtype=torch.int8)
    sd["u8"] = torch.tensor([0, 200, 255], dtype=torch.uint8)
    sd["mask"] = torch.tensor([True, False, True])
    sd["scale"] = torch.tensor(0.5)                 # 0-d float32
    sd["num_batches_tracked"] = torch.tensor(42)    # 0-d int64
    sd["empty"] = torch.zeros(0, 3)
    sd["proj.base"] = base
    sd["proj.base_alias"] = base                    # the same tensor object twice (pickle memo)
    sd["proj.weight_t"] = base.t()                  # non-contiguous: shape (4, 6), stride (1, 4)
    sd["proj.rows"] = base[2:]                      # storage offset 8, contiguous
    sd["proj.col"] = base[1:, 2]                    # storage offset 6, stride (4,)
    sd["x_emb.weight"] = emb.detach()
    sd["x_out.weight"] = emb.detach()
    sd["gain"] = torch.nn.Parameter(torch.tensor([1.5, -2.0]))  # _rebuild_parameter
    sd._metadata = collections.OrderedDict([("", {"version": 1}), ("proj", {"version": 2})])
    return sd


def with_prefix(sd, prefix):
    out = collections.OrderedDict((prefix + k, v) for k, v in sd.items())
    out._metadata = sd._metadata
    return out


def hps():
    return {
        "name": "fixture",
        "sr": 44100,
        "hop_fraction": (0.5, 0.5, 0.125),
        "lr": 3e-4,
        "nested": {"levels": [1, 2, 3], "inner": {"c": None, "flag": True}},
        "bandwidth": np.float64(0.25),                  # numpy.core.multiarray.scalar + numpy.dtype
        "cfg": Hyperparams(width=64, depth=(2, 3)),     # jukebox.hparams.Hyperparams
        "thing": Sneaky(),                              # arbitrary class, ignored here
        "raw": b"\x00\x01latin",                        # _codecs.encode
    }


def plain_data():
    """Every plain value kind, for the pickle machine's cross-protocol test (PickleMachineTest)."""
    shared = [1, 2]
    return {
        "none": None, "true": True, "false": False,
        "ints": [0, 7, 255, 256, 65535, 65536, -1, -123456, 2**31 - 1, -2**31, 2**63 - 1, -2**63,
                 2**100 + 1, -(2**70)],
        "floats": [3.141592653589793, -0.0, 1e300, float("inf"), 5e-324],
        "str": "h\u00e9llo\n\\ '\"\u20ac\U0001F600",
        "bytes": b"\x00\xff\n\\abc",
        "bytearray": bytearray(b"xy\x00"),
        "tuples": (1, (2, 3), (), ("x",)),
        "list": [1, [2, [3]], []],
        "set": {1, 2},
        "frozenset": frozenset({"a"}),
        (1, "a"): "tuple key",
        "shared": [shared, shared],
    }


def raw_bytes(t):
    return t.detach().contiguous().flatten().view(torch.uint8).numpy().tobytes()


DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64",
          torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8", torch.uint8: "U8",
          torch.bool: "BOOL"}


def expected(sd):
    out = collections.OrderedDict()
    for k, t in sd.items():
        floating = t.dtype.is_floating_point
        t = t.detach()
        values = t.double().flatten().tolist() if floating else t.long().flatten().tolist()
        out[k] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "values": values,
                  "sha256": hashlib.sha256(raw_bytes(t)).hexdigest()}
    return out


# --- writers --------------------------------------------------------------------------------------
def torch_bytes(obj, legacy):
    buf = io.BytesIO()
    torch.save(obj, buf, _use_new_zipfile_serialization=not legacy)
    return stable_legacy_keys(buf.getvalue()) if legacy else buf.getvalue()


ELEMENT_SIZES = {"FloatStorage": 4, "HalfStorage": 2, "BFloat16Storage": 2, "DoubleStorage": 8, "LongStorage": 8,
                 "IntStorage": 4, "ShortStorage": 2, "CharStorage": 1, "ByteStorage": 1, "BoolStorage": 1}


class _Inert:
    """Stands in for every global while scanning a pickle: nothing in the stream is really called."""

    def __init__(self, *args, **kwargs):
        pass

    def __setstate__(self, state):
        pass

    def __setitem__(self, key, value):
        pass


class _StorageScan(pickle.Unpickler):
    def __init__(self, f):
        super().__init__(f)
        self.storages = {}  # key -> element size, in order of first appearance

    def find_class(self, module, name):
        return ("storage-class", name) if name in ELEMENT_SIZES else _Inert

    def persistent_load(self, pid):
        self.storages.setdefault(pid[2], ELEMENT_SIZES[pid[1][1]])
        return None


def stable_legacy_keys(data):
    """Legacy storage keys are str(storage._cdata) -- memory addresses -- and the storages follow in
    the sorted order of those keys. Rename the keys, in order of first use, to fixed pointer-like
    numbers and re-emit the storages in the new sorted order, so the files are reproducible byte for
    byte. The result is exactly what torch.save would write had the addresses been those numbers."""
    f = io.BytesIO(data)
    for _ in range(3):  # magic number, protocol version, sys_info: plain data
        pickle.load(f)
    main_start = f.tell()
    scan = _StorageScan(f)
    scan.load()
    main_end = f.tell()
    old_keys = pickle.load(f)  # the sorted storage-key list: plain strings
    blobs = {}
    for key in old_keys:
        header = f.read(8)
        blobs[key] = header + f.read(struct.unpack("<q", header)[0] * scan.storages[key])
    assert f.read() == b""
    main = data[main_start:main_end]
    rename = {}
    for i, key in enumerate(scan.storages):
        new = str(94000000000000 + 64 * i)
        rename[new] = key
        old_op = b"X" + struct.pack("<I", len(key)) + key.encode()
        main = main.replace(old_op, b"X" + struct.pack("<I", len(new)) + new.encode())
    new_keys = sorted(rename)
    return (data[:main_start] + main + pickle.dumps(new_keys, protocol=2)
            + b"".join(blobs[rename[k]] for k in new_keys))


def stable_zip(entries):
    """A stored zip with fixed timestamps (torch's own writer already is deterministic)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            z.writestr(info, data)
    return buf.getvalue()


def as_cuda(legacy_bytes):
    """Rewrites storage classes and locations as a GPU-saved checkpoint (official Jukebox) has them."""
    out = legacy_bytes
    for cls in (b"FloatStorage", b"HalfStorage", b"BFloat16Storage", b"DoubleStorage", b"LongStorage",
                b"IntStorage", b"ShortStorage", b"CharStorage", b"ByteStorage", b"BoolStorage"):
        out = out.replace(b"ctorch\n" + cls + b"\n", b"ctorch.cuda\n" + cls + b"\n")
    return out.replace(b"X\x03\x00\x00\x00cpu", b"X\x06\x00\x00\x00cuda:0")


def posix_to_os(data):
    assert b"cposix\nsystem\n" in data
    return data.replace(b"cposix\nsystem\n", b"cos\nsystem\n")


def safetensors_bytes(sd, metadata):
    header, chunks, offset = collections.OrderedDict(), [], 0
    if metadata:
        header["__metadata__"] = metadata
    for k, t in sd.items():
        data = raw_bytes(t)
        header[k] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    js = json.dumps(header, separators=(",", ":")).encode()
    js += b" " * (-len(js) % 8)
    return struct.pack("<Q", len(js)) + js + b"".join(chunks)


def write(name, data):
    (OUT / name).write_bytes(data)
    print("%-42s %7d bytes" % (name, len(data)))


def main():
    sd = make_state_dict()
    wrapped = lambda: {"model": with_prefix(sd, "module."), "step": 1234, "hps": hps(), "opt": None}

    write("state_dict_zip.pt", torch_bytes(sd, legacy=False))
    write("state_dict_legacy.pt", torch_bytes(sd, legacy=True))
    write("checkpoint_zip.pth.tar", torch_bytes(wrapped(), legacy=False))
    write("checkpoint_legacy_cuda.pth.tar", as_cuda(torch_bytes(wrapped(), legacy=True)))
    write("state_dict.safetensors", safetensors_bytes(sd, {"format": "pt", "source": "make_checkpoint_fixtures.py"}))
    (OUT / "expected.json").write_text(json.dumps({"tensors": expected(sd)}, indent=1) + "\n")

    # sanity: torch itself reads the benign files back (safe: these are our own files)
    for name in ("state_dict_zip.pt", "state_dict_legacy.pt", "checkpoint_zip.pth.tar",
                 "checkpoint_legacy_cuda.pth.tar"):
        got = torch.load(OUT / name, map_location="cpu")
        got = got["model"] if "model" in got else got
        for k, t in sd.items():
            assert torch.equal(got.get(k, got.get("module." + k)), t), (name, k)

    # malicious files: os.system / eval inside the state dict, at top level, inside ignored 'hps'
    evil_sd = collections.OrderedDict(list(sd.items())[:2] + [("evil", Evil())])
    write("evil_legacy_os_system.pth.tar",
          posix_to_os(torch_bytes({"model": evil_sd, "step": 1, "hps": {"lr": 1e-3}}, legacy=True)))
    write("evil_zip_os_system.pt",
          stable_zip([("archive/data.pkl", posix_to_os(pickle.dumps(Evil(), protocol=2))),
                      ("archive/version", b"3\n")]))
    write("evil_zip_hps_posix_system.pth.tar",
          torch_bytes({"model": collections.OrderedDict(list(sd.items())[:2]), "hps": {"x": Evil()}}, legacy=False))
    write("evil_builtins_eval.pkl", pickle.dumps(EvilEval(), protocol=4))
    write("unknown_global_in_state_dict.pt",
          torch_bytes(collections.OrderedDict([("enc.weight", sd["enc.weight"]), ("odd", Sneaky())]), legacy=False))

    # plain data in every pickle protocol
    for protocol in range(6):
        write("plain_data_p%d.pkl" % protocol, pickle.dumps(plain_data(), protocol=protocol))

    # damaged files
    zip_bytes = (OUT / "state_dict_zip.pt").read_bytes()
    legacy_bytes = (OUT / "state_dict_legacy.pt").read_bytes()
    write("truncated_zip.pt", zip_bytes[: len(zip_bytes) // 2])
    write("truncated_legacy.pt", legacy_bytes[:-10])
    write("random.bin", random.Random(1234).randbytes(4096))
    write("empty.bin", b"")
    assert not os.path.exists(PWNED)


if __name__ == "__main__":
    main()
