#!/usr/bin/env bash
# Rebuilds the bundled demo model family with the project's own CLI, on CPU:
#   corpus -> VQ-VAE -> codes -> teacher priors (top, middle, bottom) -> students (3x and 4x fewer layers,
#   distilled and MLE baselines) -> eval reports -> assets/models.
# Every stage resumes: run the script again after an interruption (Ctrl-C, reboot, kill) and it continues
# where it stopped; finished stages are skipped. Training takes many hours on 2 cores.
#
# Usage: assets/train-demo.sh [stage...]      stages: corpus vqvae heldout teachers students eval install (default: all)
# Environment:
#   WORK=DIR         where the runs live (default: <repo>/out/demo-runs); the corpus goes to $WORK/corpus
#   CORPUS=DIR       an existing corpus folder with wesnoth/*.wav (default: $WORK/corpus)
#   QUICK=1          a smoke run of the whole recipe in minutes: 4 short tracks, a few steps per stage
#   THREADS=N        libtorch threads per job (default: all cores)
#   LEVELS="top ..." the levels the teachers, students and eval stages work on (default: top middle bottom);
#                    two runs with THREADS=1 and different LEVELS use 2 cores better than one run with 2 threads
#   STUDENT_LAYERS   the students' depths (default "12 9"); e.g. two student runs with "12" and "9" side by side
#   REBUILD_VQVAE=1  train the VQ-VAE again instead of starting from the bundled one
set -euo pipefail
repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
recipe="$repo/assets/recipe"
WORK="${WORK:-$repo/out/demo-runs}"
CORPUS="${CORPUS:-$WORK/corpus}"
QUICK="${QUICK:-0}"
LEVELS="${LEVELS:-top middle bottom}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"

# Figures of the bundled family (QUICK=1 shrinks them to prove the recipe end to end).
VQ_STEPS=3130          # the VQ-VAE bundled: held-out SI-SNR 19.7 / 13.0 / 3.1 dB at levels 0 / 1 / 2
# Teacher steps per level (linear decay to zero at the last step); on one core the top takes ~3 s/step (n_ctx 512),
# the upsamplers ~0.7 s/step (n_ctx 256). The bottom level gets the most: it makes the audible detail.
declare -A TEACHER_STEPS=([top]=1500 [middle]=3000 [bottom]=3000)
# Learning rates: at 3e-4 the middle upsampler underfitted (held-out 6.9 bits/token after 2000 steps, flat, and
# its samples lost the tonal structure that real middle codes carry); it is trained at 1e-3.
declare -A TEACHER_LR=([top]=3e-4 [middle]=1e-3 [bottom]=3e-4)
STUDENT_EPOCHS=1,3     # phase 1 (intermediate layers) and phase 2 (prediction layer) epochs
STEPS_PER_EPOCH=100
STUDENT_LAYERS="${STUDENT_LAYERS:-12 9}"  # 36-layer teachers: 3x and 4x fewer layers, whole row/column/previous-row cycles
# The sampling temperatures the installed model sets recommend (top, middle, bottom). Measured on real top codes of a
# held-out track (README "Quality, plainly"): the upsamplers keep the melody of their conditioning at 0.1-0.2 and lose
# it at Jukebox's 0.99; the top prior stays at Jukebox's 0.98 (lower gives a drone).
SAMPLE_TEMPERATURE='{"top": 0.98, "middle": 0.2, "bottom": 0.2}'
if [[ "$QUICK" == "1" ]]; then
  VQ_STEPS=4; TEACHER_STEPS=([top]=4 [middle]=4 [bottom]=4); STUDENT_EPOCHS=1,1; STEPS_PER_EPOCH=2
fi

# A private copy of the app per build, so that rebuilding the checkout never touches a running job (two runs
# with different LEVELS may use different builds; each keeps the one it started with).
[[ -f "$repo/app/target/fastjukebox-app.jar" ]] || (cd "$repo" && mvn -B -q -ntp -DskipTests install)
app="$WORK/app-$(cat "$repo/app/target/fastjukebox-app.jar" "$repo"/app/target/lib/fastjukebox-*.jar | sha256sum | cut -c1-12)"
if [[ ! -f "$app/fastjukebox-app.jar" ]]; then
  rm -rf "$app.tmp.$$" && mkdir -p "$app.tmp.$$"
  cp -r "$repo/app/target/fastjukebox-app.jar" "$repo/app/target/lib" "$app.tmp.$$/"
  mv -T "$app.tmp.$$" "$app" 2>/dev/null || rm -rf "$app.tmp.$$"   # another run made the same copy first
fi
jemalloc=""
for c in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2; do
  [[ -f "$c" ]] && jemalloc="$c" && break
done
fj() {
  LD_PRELOAD="$jemalloc" java -jar "$app/fastjukebox-app.jar" "$@" ${THREADS:+--threads "$THREADS"}
}
say() { echo "== train-demo: $*" >&2; }

# Runs a training command that writes OUT (and OUT.train while unfinished): skipped when OUT exists
# without OUT.train, resumed when OUT.train exists. OUT.train is removed only after the command says it
# finished, so an interrupted stage always resumes.
train() {
  local out="$1"; shift
  local log="$WORK/logs/$(basename "$out" .fjb).log"
  if [[ -f "$out" && ! -f "$out.train" ]]; then say "done: $out"; return; fi
  mkdir -p "$WORK/logs"
  local resume=()
  [[ -f "$out.train" ]] && resume=(--resume)
  say "training $out ${resume[*]} (log: $log)"
  fj "$@" --out "$out" "${resume[@]}" 2>&1 | tee -a "$log"
  if tail -n 3 "$log" | grep -q "^finished at step"; then
    rm -f "$out.train"
  else
    say "$out stopped before its last step; run the script again to resume"; exit 1
  fi
}
trap 'say "interrupted; run the script again to resume"; exit 130' INT TERM

stage_corpus() {
  local sums="$repo/assets/corpus/SHA256SUMS"
  if [[ ! -d "$CORPUS/wesnoth" ]]; then
    say "building the corpus in $CORPUS (apt-get download wesnoth-1.16-music, sox)"
    OUT="$CORPUS" RATE=22050 bash "$repo/assets/corpus/prepare-corpus.sh"
  fi
  (cd "$CORPUS" && sha256sum --quiet -c "$sums") || { say "corpus differs from $sums"; exit 1; }
  if [[ "$QUICK" == "1" ]]; then   # 4 tracks cut to 20 s, one of them held out by position (every 10th: none) -> use 3+1
    mkdir -p "$WORK/quick-corpus"
    for t in battle-epic battle breaking_the_chains journeys_end; do
      [[ -f "$WORK/quick-corpus/$t.wav" ]] || sox "$CORPUS/wesnoth/$t.wav" "$WORK/quick-corpus/$t.wav" trim 0 20
    done
  fi
}

data_dir() { if [[ "$QUICK" == "1" ]]; then echo "$WORK/quick-corpus"; else echo "$CORPUS/wesnoth"; fi; }

stage_vqvae() {
  # The bundled VQ-VAE is this stage's final output: start from it unless REBUILD_VQVAE=1 asks to retrain it.
  if [[ ! -f "$WORK/vqvae.fjb" && "${REBUILD_VQVAE:-0}" != "1" && "$QUICK" != "1" && -f "$repo/assets/models/vqvae.fjb" ]]; then
    cp "$repo/assets/models/vqvae.fjb" "$WORK/vqvae.fjb"
    say "using the bundled VQ-VAE (REBUILD_VQVAE=1 trains it again)"
  fi
  # 22.05 kHz, hops 8/32/128, 512 codes; constant learning rate after warm-up, so --steps only sets the end
  train "$WORK/vqvae.fjb" train-vqvae --data "$(data_dir)" --preset small --steps "$VQ_STEPS" --batch-size 4 \
    --sample-length 16384 --checkpoint-every 250 --validate-every 1000 --seed 1
}

stage_heldout() {
  # The tracks every training command holds out (every 10th file in name order), as one codes file for eval.
  [[ -f "$WORK/heldout.npz" ]] && return
  local files=()
  if [[ "$QUICK" == "1" ]]; then files=("$WORK/quick-corpus/journeys_end.wav")
  else files=("$CORPUS"/wesnoth/{journeys_end,revelation,vengeful}.wav); fi
  mkdir -p "$WORK/heldout-audio"
  cp "${files[@]}" "$WORK/heldout-audio/"
  sox "${files[@]}" "$WORK/heldout.wav"
  fj encode "$WORK/heldout.wav" --vqvae "$WORK/vqvae.fjb" --out "$WORK/heldout.npz"
}

# The codes of the whole corpus, encoded once by the first teacher and reused by every later stage.
codes() { echo "$WORK/top-teacher.fjb.codes.npz"; }

stage_teachers() {
  local data
  for level in $LEVELS; do
    data="$(data_dir)"; [[ -f "$(codes)" ]] && data="$(codes)"
    train "$WORK/$level-teacher.fjb" train-prior --vqvae "$WORK/vqvae.fjb" --data "$data" --level "$level" \
      --preset "$recipe/$level-teacher.json" --steps "${TEACHER_STEPS[$level]}" --lr "${TEACHER_LR[$level]}" --batch-size 8 --checkpoint-every 100 \
      --validate-every 500 --seed 1
  done
}

stage_students() {
  for level in $LEVELS; do
    for layers in $STUDENT_LAYERS; do
      for mode in full mle; do
        train "$WORK/$level-$mode-$layers.fjb" distill --teacher "$WORK/$level-teacher.fjb" --layers "$layers" \
          --level "$level" --data "$(codes)" --mode "$mode" --epochs "$STUDENT_EPOCHS" \
          --steps-per-epoch "$STEPS_PER_EPOCH" --batch-size 8 --checkpoint-every 100 --seed 2
      done
    done
  done
}

stage_eval() {
  mkdir -p "$WORK/eval"
  for level in $LEVELS; do
    local students=""
    for layers in $STUDENT_LAYERS; do students+="$WORK/$level-full-$layers.fjb,$WORK/$level-mle-$layers.fjb,"; done
    [[ -f "$WORK/eval/$level.md" ]] || fj eval --teacher "$WORK/$level-teacher.fjb" --students "${students%,}" \
      --codes "$WORK/heldout.npz" --vqvae "$WORK/vqvae.fjb" --audio "$WORK/heldout-audio" \
      --out "$WORK/eval/$level.md"
  done
}

stage_install() {
  local dest="$repo/assets/models"
  [[ "$QUICK" == "1" ]] && dest="$WORK/models"
  mkdir -p "$dest"
  cp "$WORK/vqvae.fjb" "$dest/vqvae.fjb"
  for level in top middle bottom; do
    cp "$WORK/$level-teacher.fjb" "$dest/$level-teacher.fjb"
    for layers in $STUDENT_LAYERS; do    # the names the eval reports use: full = distilled, mle = the baseline
      cp "$WORK/$level-full-$layers.fjb" "$WORK/$level-mle-$layers.fjb" "$dest/"
    done
  done
  mkdir -p "$dest/eval"
  for level in top middle bottom; do        # the studio shows the measured speeds of these reports
    cp "$WORK/eval/$level.md" "$WORK/eval/$level.json" "$dest/eval/"
  done
  if [[ "$QUICK" != "1" ]]; then            # the committed copy of the reports, linked from the README
    mkdir -p "$repo/docs/demo-models"
    for level in top middle bottom; do cp "$WORK/eval/$level.md" "$repo/docs/demo-models/eval-$level.md"; done
  fi
  local fast="${STUDENT_LAYERS##* }"
  printf '{"name": "Demo students (%s layers, distilled)", "vqvae": "vqvae.fjb", "top": "top-full-%s.fjb", "middle": "middle-full-%s.fjb", "bottom": "bottom-full-%s.fjb", "temperature": %s}\n' \
    "$fast" "$fast" "$fast" "$fast" "$SAMPLE_TEMPERATURE" > "$dest/default.json"
  printf '{"name": "Demo teachers (36 layers)", "vqvae": "vqvae.fjb", "top": "top-teacher.fjb", "middle": "middle-teacher.fjb", "bottom": "bottom-teacher.fjb", "temperature": %s}\n' \
    "$SAMPLE_TEMPERATURE" > "$dest/teachers.json"
  printf '{"name": "Demo MLE baselines (%s layers, no teacher)", "vqvae": "vqvae.fjb", "top": "top-mle-%s.fjb", "middle": "middle-mle-%s.fjb", "bottom": "bottom-mle-%s.fjb", "temperature": %s}\n' \
    "$fast" "$fast" "$fast" "$fast" "$SAMPLE_TEMPERATURE" > "$dest/baselines.json"
  say "installed the family in $dest"
}

stages=("$@")
[[ ${#stages[@]} -eq 0 ]] && stages=(corpus vqvae heldout teachers students eval install)
for s in "${stages[@]}"; do
  declare -F "stage_$s" >/dev/null || { echo "train-demo: unknown stage '$s'" >&2; exit 2; }
  "stage_$s"
done
