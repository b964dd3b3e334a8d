#!/usr/bin/env python3
"""Checks a rendered book's M4B against its WAVs and cues: every chapter mark against the first
line of its chapter on the book's timeline, and the file's duration against the WAVs'.
usage: scripts/check-m4b.py OUTPUT/BOOK   (prints the largest mark error and the duration error)"""
import json, os, subprocess, sys, wave

folder = sys.argv[1]
book = os.path.basename(os.path.normpath(folder))
cues = json.load(open(os.path.join(folder, "cues.json")))
rate = cues["sample_rate"]
# Every scene WAV of the book, those without a spoken line included (their silence is in the M4B too).
files = sorted(name for name in os.listdir(folder) if name.startswith("scene-") and name.endswith(".wav"))
offsets, total = {}, 0
for name in files:
    offsets[name] = total
    with wave.open(os.path.join(folder, name)) as w:
        total += w.getnframes()
probe = json.loads(subprocess.check_output(["ffprobe", "-v", "error", "-show_chapters", "-show_format", "-of", "json",
                                            os.path.join(folder, book + ".m4b")]))
chapters = probe["chapters"]
# A chapter's first line: the first cue of the first scene of that chapter, in order.
starts = []
previous = None
for cue in cues["cues"]:
    key = cue["scene"]
    if key != previous:
        previous = key
        starts.append(offsets[cue["file"]] / rate + cue["start"])
marks = [float(c["start_time"]) for c in chapters]
errors = [min(abs(m - s) for s in starts) for m in marks]
duration = float(probe["format"]["duration"])
rest = max(errors[1:]) if len(errors) > 1 else 0.0
print(f"M4B: {len(marks)} chapter marks, largest distance to a scene's first line {max(errors) * 1000:.1f} ms "
      f"(the first chapter, which MP4 puts at 0: {errors[0] * 1000:.1f} ms; the others at most {rest * 1000:.1f} ms); "
      f"duration {duration:.3f} s against the WAVs' {total / rate:.3f} s ({(duration - total / rate) * 1000:+.1f} ms)")
