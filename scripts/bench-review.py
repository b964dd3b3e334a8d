#!/usr/bin/env python3
"""Speed of the review page (release build): how long a line takes to play, and how a long
book loads and scrolls in headless Chromium.

usage: scripts/bench-review.py AUDIOBOOK EXAMPLE [CAST] LONG_MANUSCRIPT

1. Every dialogue line of EXAMPLE fetched from GET /api/lines/ID/audio, first with no render
   (each line spoken alone in a worker), then after `audiobook render` (read from the render's
   WAVs): median and slowest time per line, client-side, over a fresh connection each.
2. LONG_MANUSCRIPT (default in `make bench`: PrideAndPrejudice) in `audiobook review`: the time
   from navigation to the page showing every line (median of 3 loads), and a scroll from the
   first line to the last in 60 steps: the longest frame seen.
"""
import json, pathlib, shutil, statistics, subprocess, sys, tempfile, time, urllib.request

binary = pathlib.Path(sys.argv[1]).resolve()
example = pathlib.Path(sys.argv[2]).resolve()
cast = pathlib.Path(sys.argv[3]).resolve() if len(sys.argv) > 4 else None
long_book = pathlib.Path(sys.argv[-1]).resolve()


class Review:
    def __init__(self, folder, manuscript, *arguments):
        self.process = subprocess.Popen([str(binary), "review", manuscript, *arguments], cwd=folder,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.address = None
        for line in self.process.stdout:
            if line.startswith("review: "):
                self.address = line.split(" ", 1)[1].strip()
                break
        if not self.address:
            raise SystemExit(f"bench-review: review of {manuscript} did not start")
        self.origin, self.token = self.address.split("/?")[0], self.address.split("token=")[1]

    def get(self, path):
        request = urllib.request.Request(self.origin + path, headers={"Authorization": f"Bearer {self.token}"})
        with urllib.request.urlopen(request) as response:
            return response.read(), response.headers

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def line_times(folder, arguments):
    review = Review(folder, example.name, *arguments)
    try:
        script = json.loads(review.get("/api/script")[0])
        ids = [l["id"] for s in script["scenes"] for l in s["lines"] if l["kind"] == "dialogue"]
        times, sources = [], set()
        for id in ids:
            start = time.perf_counter()
            _, headers = review.get(f"/api/lines/{id}/audio")
            times.append(time.perf_counter() - start)
            sources.add(headers["X-Audio-Source"])
        return times, sources
    finally:
        review.stop()


work = pathlib.Path(tempfile.mkdtemp(prefix="bench-review-"))
try:
    shutil.copy(example, work / example.name)
    arguments = []
    if cast:
        shutil.copy(cast, work / cast.name)
        arguments = ["--cast", cast.name]
    if (example.parent.parent / "Voices").is_dir():
        shutil.copytree(example.parent.parent / "Voices", work / "Voices")
    spoken, spoken_sources = line_times(work, arguments)
    subprocess.run([str(binary), "render", example.name, "--quiet", *arguments], cwd=work, check=True)
    rendered, rendered_sources = line_times(work, arguments)
    print(f"bench-review: line audio over the {len(spoken)} dialogue lines of {example.name}, release build")
    print("| line audio | median | slowest | from |")
    print("| --- | --- | --- | --- |")
    print(f"| no render yet | {statistics.median(spoken) * 1000:.0f} ms | {max(spoken) * 1000:.0f} ms | {', '.join(sorted(spoken_sources))} |")
    print(f"| after `render` | {statistics.median(rendered) * 1000:.0f} ms | {max(rendered) * 1000:.0f} ms | {', '.join(sorted(rendered_sources))} |")

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    shutil.copy(long_book, work / long_book.name)
    review = Review(work, long_book.name, "--voices", str(work / "Voices"))
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    try:
        loads = []
        for _ in range(3):
            driver.get("about:blank")
            driver.get(review.address)
            for _ in range(600):
                ready = driver.execute_script(
                    "return document.body.dataset.ready === 'true' ? performance.now() : null")
                if ready:
                    break
                time.sleep(0.05)
            loads.append(ready / 1000)
        count = driver.execute_script("return document.querySelectorAll('#script .line').length")
        frames = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            const main = document.getElementById('script');
            const steps = 60, frames = [];
            let step = 0, last = performance.now();
            function tick(now) {
              frames.push(now - last); last = now;
              if (step++ >= steps) { done(frames.slice(1)); return; }
              main.scrollTop = (main.scrollHeight - main.clientHeight) * step / steps;
              requestAnimationFrame(tick);
            }
            requestAnimationFrame(tick);
        """)
        print(f"bench-review: {long_book.parent.name}/{long_book.name} in headless Chromium: {count} lines on the page")
        print("| page | median | worst |")
        print("| --- | --- | --- |")
        print(f"| load to every line shown (3 loads) | {statistics.median(loads):.2f} s | {max(loads):.2f} s |")
        print(f"| scroll start to end, 60 steps: frame time | {statistics.median(frames):.0f} ms | {max(frames):.0f} ms |")
    finally:
        driver.quit()
        review.stop()
finally:
    shutil.rmtree(work, ignore_errors=True)
