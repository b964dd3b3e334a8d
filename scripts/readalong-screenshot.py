#!/usr/bin/env python3
"""The read-along page as a reader shows it: one chapter of a `render --epub` book opened in
headless Chromium with the media-overlay active class set on one dialogue line, saved as a
PNG, and checked: the line's speaker colour (the stylesheet's active background for that
speaker) must cover a good part of the picture.

usage: scripts/readalong-screenshot.py BOOK.epub OUT.png [CHAPTER] [LINE_INDEX]
  CHAPTER: the content document's number (default 1); LINE_INDEX: which dialogue line of it
  is being read (default 2, the third).
"""
import colorsys, pathlib, re, shutil, subprocess, sys, tempfile, zipfile

epub, out = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
chapter = int(sys.argv[3]) if len(sys.argv) > 3 else 1
index = int(sys.argv[4]) if len(sys.argv) > 4 else 2
name = f"chapter-{chapter:03d}"
work = pathlib.Path(tempfile.mkdtemp())
try:
    with zipfile.ZipFile(epub) as book:
        page = book.read(f"OEBPS/text/{name}.xhtml").decode()
        css = book.read("OEBPS/style.css").decode()
        active = re.search(r'media:active-class">([^<]+)<', book.read("OEBPS/package.opf").decode()).group(1)
    lines = list(re.finditer(r'<span id="([^"]+)" class="dialogue (speaker-[^"]+)">', page))
    chosen = lines[min(index, len(lines) - 1)]
    speaker = chosen.group(2)
    page = page[: chosen.start()] + chosen.group(0).replace(speaker, f"{speaker} {active}") + page[chosen.end():]
    (work / "text").mkdir()
    (work / "text" / f"{name}.xhtml").write_text(page)
    (work / "style.css").write_text(css)
    hue, saturation, lightness = map(int, re.search(
        rf"span\.{speaker}\.{active}[^{{]*\{{[^}}]*background-color: hsl\((\d+), (\d+)%, (\d+)%\)", css).groups())
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--screenshot={out}", "--window-size=900,700",
                    (work / "text" / f"{name}.xhtml").as_uri()], check=True, capture_output=True)
    # The picture's pixels (ffmpeg reads the PNG) against the speaker's highlight colour.
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", str(out), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         check=True, capture_output=True).stdout
    want = [round(c * 255) for c in colorsys.hls_to_rgb(hue / 360, lightness / 100, saturation / 100)]
    pixels = len(raw) // 3
    hits = sum(1 for i in range(0, len(raw), 3)
               if all(abs(raw[i + k] - want[k]) <= 3 for k in range(3)))
    print(f"{out}: line {chosen.group(1)} ({speaker}) being read; highlight rgb{tuple(want)} "
          f"covers {hits} of {pixels} pixels ({100 * hits / pixels:.1f}%)")
    if hits < 400:  # a short line of text at this size covers well over a thousand
        sys.exit(f"error: the active line is not highlighted in {speaker}'s colour")
finally:
    shutil.rmtree(work)
