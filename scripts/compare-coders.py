#!/usr/bin/env python3
"""Compares ffmpeg's encoders on one scene of speech: encoding speed (one thread, median of RUNS)
and quality as the level of the difference signal (decoded minus original, aligned), in dB below
the speech, overall and in the 2-8 kHz band where speech consonants live.
usage: scripts/compare-coders.py SCENE.wav [RUNS]   (needs ffmpeg and numpy)"""
import os, statistics, subprocess, sys, tempfile, time
import numpy as np

CODERS = [
    ("AAC 64 kb/s, default (two-loop) coder", ["-c:a", "aac", "-b:a", "64k"], "m4a"),
    ("AAC 64 kb/s, fast coder (chosen)", ["-c:a", "aac", "-aac_coder", "fast", "-b:a", "64k"], "m4a"),
    ("AAC 48 kb/s, fast coder", ["-c:a", "aac", "-aac_coder", "fast", "-b:a", "48k"], "m4a"),
    ("AAC 64 kb/s, ANMR coder", ["-c:a", "aac", "-aac_coder", "anmr", "-strict", "-2", "-b:a", "64k"], "m4a"),
    ("MP3 64 kb/s CBR, LAME", ["-c:a", "libmp3lame", "-b:a", "64k"], "mp3"),
    ("MP3 192 kb/s CBR 44.1 kHz, LAME (ACX)", ["-ar", "44100", "-c:a", "libmp3lame", "-b:a", "192k"], "mp3"),
    ("MP3 64 kb/s CBR, shine", ["-c:a", "libshine", "-b:a", "64k"], "mp3"),
]


def pcm(path, rate):
    raw = subprocess.check_output(["ffmpeg", "-v", "error", "-i", path, "-ar", str(rate), "-ac", "1", "-f", "s16le", "-"])
    return np.frombuffer(raw, dtype="<i2").astype(np.float64)


def band(x, rate, low, high):
    spectrum = np.fft.rfft(x)
    freqs = np.fft.rfftfreq(len(x), 1 / rate)
    spectrum[(freqs < low) | (freqs > high)] = 0
    return np.fft.irfft(spectrum, len(x))


def main():
    wav, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
    rate = 22050
    original = pcm(wav, rate)
    seconds = len(original) / rate
    work = tempfile.mkdtemp()
    print(f"scene: {wav} ({seconds:.0f} s of speech), {runs} runs each, one thread")
    print(f"{'encoder':42s} {'time':>7s} {'× real time':>12s} {'size':>9s} {'difference':>11s} {'2-8 kHz':>8s}")
    for name, args, ext in CODERS:
        out = os.path.join(work, "out." + ext)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(["ffmpeg", "-v", "error", "-y", "-threads", "1", "-i", wav, *args, out], check=True)
            times.append(time.perf_counter() - start)
        decoded = pcm(out, rate)
        # Align (encoder delay) by cross-correlating a stretch of speech.
        middle = len(original) // 2
        probe = original[middle:middle + 8192]
        lags = range(-3000, 3001)
        lag = max(lags, key=lambda L: float(np.dot(probe, decoded[middle + L:middle + L + 8192])) if 0 <= middle + L and middle + L + 8192 <= len(decoded) else -1e300)
        n = min(len(original), len(decoded) - max(lag, 0)) - 4096
        a = original[4096:n]
        b = decoded[4096 + lag:n + lag]
        diff = b - a
        level = 10 * np.log10(np.sum(diff ** 2) / np.sum(a ** 2))
        ab, db = band(a, rate, 2000, 8000), band(diff, rate, 2000, 8000)
        level_band = 10 * np.log10(np.sum(db ** 2) / np.sum(ab ** 2))
        t = statistics.median(times)
        print(f"{name:42s} {t:6.2f}s {seconds / t:11.0f}× {os.path.getsize(out) / 1e6:7.2f} MB {level:9.1f} dB {level_band:6.1f} dB")


if __name__ == "__main__":
    main()
