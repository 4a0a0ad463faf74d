#!/usr/bin/env bash
# Does an upsampler keep the notes of the codes it is conditioned on? Measured as in README "Quality, plainly":
# 10 s of a held-out corpus track is encoded; a model set's middle and bottom upsamplers then sample from the track's
# REAL top-level codes at each temperature, and melody_follow.py compares the result with the track.
#
# Usage: docs/demo-models/measure/upsampler-temperature.sh TRACK.wav OUTDIR [MODELSET.json] [TEMPS...]
#   TRACK.wav     e.g. the corpus's held-out wesnoth/journeys_end.wav (see assets/train-demo.sh)
#   MODELSET      default assets/models/default.json;  TEMPS default: 0.99 0.5 0.3 0.2 0.1
# Needs: sox, python3 with numpy; the checkout's ./fastjukebox (one libtorch thread per command).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../../.." && pwd)"
track="$1"; out="$2"; set_="${3:-$repo/assets/models/default.json}"; shift $(( $# < 3 ? $# : 3 ))
temps=("$@"); [[ ${#temps[@]} -eq 0 ]] && temps=(0.99 0.5 0.3 0.2 0.1)
fj=("$repo/fastjukebox"); vq="$(python3 -c 'import json,os,sys; p=sys.argv[1]; print(os.path.join(os.path.dirname(os.path.abspath(p)), json.load(open(p))["vqvae"]))' "$set_")"
mkdir -p "$out"
sox "$track" -c 1 -r 22050 -b 16 "$out/clip.wav" trim 60 10            # 10 s from one minute in
"${fj[@]}" encode --vqvae "$vq" --out "$out/real.npz" --threads 1 "$out/clip.wav" >/dev/null
"${fj[@]}" decode --vqvae "$vq" --level 2 --out "$out/top-reconstruction.wav" --threads 1 "$out/real.npz" >/dev/null
for t in "${temps[@]}"; do
  job="$out/t$t"; rm -rf "$job"
  "${fj[@]}" generate --levels top --seconds 10 --seed 7 --models "$set_" --temperature "0.98,$t,$t" --threads 1 \
    --out "$job" >/dev/null
  python3 - "$job/candidate-1/codes.npz" "$out/real.npz" <<'PY'
import sys, numpy as np
codes, real = sys.argv[1], np.load(sys.argv[2])
c = dict(np.load(codes)); n = c['level_2'].shape[1]
c['level_2'] = real['level_2'][:, :n].astype(c['level_2'].dtype)   # the track's real top codes
np.savez(codes[:-4], **c)
PY
  "${fj[@]}" upsample "$job" --candidate 1 --threads 1 >/dev/null
done
echo "reference: $out/clip.wav"
python3 "$here/melody_follow.py" "$out/clip.wav" "$out/top-reconstruction.wav" "$out"/t*/candidate-1/bottom.wav
