#!/usr/bin/env python3
"""The review page in a real browser (headless Chromium from Debian, driven by selenium).

usage: scripts/review-browser-test.py AUDIOBOOK MANUSCRIPT [--cast FILE] [--voices DIR] [--screenshots DIR]

In a temporary folder it renders the manuscript, starts `audiobook review` on it, and in
Chromium: checks that every line of the script is on the page with its speaker; plays a line
(the audio element must load a WAV as long as the line's cue in the render); changes a speaker
with the keyboard (a digit), undoes it (u) and makes it again; saves (Ctrl+S); then compares
the saved script with the same edit made by hand in the text script. Prints one line per
check and exits non-zero on the first failure. With --screenshots, saves PNGs of the page.
"""
import json, os, pathlib, re, shutil, subprocess, sys, tempfile, time, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import WebDriverWait

binary = pathlib.Path(sys.argv[1]).resolve()
manuscript = pathlib.Path(sys.argv[2]).resolve()


def option(name):
    return pathlib.Path(sys.argv[sys.argv.index(name) + 1]).resolve() if name in sys.argv else None


shots, cast, voices = option("--screenshots"), option("--cast"), option("--voices")
work = pathlib.Path(tempfile.mkdtemp(prefix="review-browser-"))
passed = 0


def check(condition, what):
    global passed
    if not condition:
        print(f"review-browser: FAILED: {what}", file=sys.stderr)
        sys.exit(1)
    passed += 1
    print(f"review-browser: ok: {what}")


def run(*arguments):
    return subprocess.run([str(binary), *arguments], cwd=work, check=True, capture_output=True, text=True).stdout


book = work / manuscript.name
shutil.copy(manuscript, book)
given = []
if cast:
    shutil.copy(cast, work / cast.name)
    given += ["--cast", cast.name]
if voices:
    shutil.copytree(voices, work / "Voices")
run("render", book.name, "--quiet", *given)
cues = json.loads((work / "Output" / book.stem / "cues.json").read_text())["cues"]
original = run("script", book.name, *given)
(work / "original.script").write_text(original)

server = subprocess.Popen(
    [str(binary), "review", book.name, "--save", "saved.script", *given], cwd=work, stdout=subprocess.PIPE, text=True)
driver = None
try:
    address = None
    deadline = time.time() + 60
    while time.time() < deadline:
        line = server.stdout.readline()
        if not line:
            break
        if line.startswith("review: "):
            address = line.split(" ", 1)[1].strip()
            break
    check(address is not None and address.startswith("http://127.0.0.1:"), f"review listens: {address}")
    token = address.split("token=")[1]
    origin = address.split("/?")[0]

    def get(path):
        request = urllib.request.Request(origin + path, headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request) as response:
            return response.read(), response.headers

    script = json.loads(get("/api/script")[0])
    lines = [line for scene in script["scenes"] for line in scene["lines"]]

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900",
                     "--autoplay-policy=no-user-gesture-required", "--mute-audio"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.get(address)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
    shown = driver.execute_script(
        "return [...document.querySelectorAll('#script .line')].map(e => [Number(e.dataset.id), e.dataset.speaker, e.querySelector('.text').textContent])")
    check(len(shown) == len(lines), f"the page shows all {len(lines)} lines (shows {len(shown)})")
    for (id, speaker, text), line in zip(shown, lines):
        if id != line["id"] or speaker != line["speaker"] or line["text"] not in text:
            check(False, f"line {line['id']} is on the page as the script has it ({line['speaker']}: {line['text']!r}); page has {id} {speaker}: {text!r}")
    check(True, "every line is on the page, in order, with its speaker and words")
    legend = driver.execute_script("return [...document.querySelectorAll('#legend li')].map(e => e.dataset.speaker)")
    check(set(c["name"] for c in script["characters"]) <= set(legend), f"the legend lists every speaker: {legend}")

    # Hear a line: the audio element loads a WAV as long as the line's cue in the render.
    dialogue = [line for line in lines if line["kind"] == "dialogue"]
    target = dialogue[1]
    scene_of = {line["id"]: scene for scene in script["scenes"] for line in scene["lines"]}
    position = next(i for i, line in enumerate(scene_of[target["id"]]["lines"]) if line["id"] == target["id"])
    cue = next(c for c in cues if c["scene"] == scene_of[target["id"]]["index"] and c["line"] == position + 1)
    driver.find_element(By.CSS_SELECTOR, f'#script .line[data-id="{target["id"]}"]').click()
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("const p = document.getElementById('player'); return p.readyState >= 1 && isFinite(p.duration)"))
    duration = driver.execute_script("return document.getElementById('player').duration")
    source = driver.execute_script("return document.getElementById('player').currentSrc")
    expected = cue["end"] - cue["start"]
    check(f"/api/lines/{target['id']}/audio" in source, f"clicking line {target['id']} plays its audio ({source})")
    check(abs(duration - expected) < 0.01,
          f"the audio element loaded {duration:.3f} s, the line's cue in the render is {expected:.3f} s")
    wav, headers = get(f"/api/lines/{target['id']}/audio")
    check(wav[:4] == b"RIFF" and headers["Content-Type"] == "audio/wav" and headers["X-Audio-Source"] == "rendered",
          f"the line's audio is a WAV read from the render ({headers['X-Audio-Source']})")
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(shots / "review.png"))

    # Change a speaker with the keyboard: j to the next dialogue line, a digit for another of the scene's speakers.
    body = driver.find_element(By.TAG_NAME, "body")
    for _ in range(40):
        selected = driver.execute_script("return state.selected")
        line = lines[selected]
        speakers = driver.execute_script("return state.sceneSpeakers[state.lines[state.selected].scene]")
        others = [s for s in speakers if s != line["speaker"]]
        if line["kind"] == "dialogue" and selected != target["id"] and others and line.get("confidence", 1) >= 0.65:
            break
        ActionChains(driver).send_keys("j").perform()
    check(line["kind"] == "dialogue" and others, f"j moved the selection to dialogue line {selected} ({line['speaker']})")
    new_speaker = others[0]
    digit = speakers.index(new_speaker) + 1
    ActionChains(driver).send_keys(str(digit)).perform()

    def speaker_on_page(d):
        return d.execute_script(f"return document.querySelector('#script .line[data-id=\"{selected}\"]').dataset.speaker")

    WebDriverWait(driver, 20).until(lambda d: speaker_on_page(d) == new_speaker)
    edited = driver.execute_script(
        f"return !!document.querySelector('#script .line[data-id=\"{selected}\"] .flag.edited')")
    check(edited, f"key {digit} gave line {selected} to {new_speaker}, and the line shows it was edited")
    ActionChains(driver).send_keys("u").perform()
    WebDriverWait(driver, 20).until(lambda d: speaker_on_page(d) == line["speaker"])
    check(not driver.execute_script(
        f"return !!document.querySelector('#script .line[data-id=\"{selected}\"] .flag.edited')"),
        f"u gave line {selected} back to {line['speaker']}")
    ActionChains(driver).send_keys(str(digit)).perform()
    WebDriverWait(driver, 20).until(lambda d: speaker_on_page(d) == new_speaker)
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("s").key_up(Keys.CONTROL).perform()
    WebDriverWait(driver, 20).until(lambda d: "Saved" in d.find_element(By.ID, "status").text)
    check((work / "saved.script").exists(), f"Ctrl+S saved: {driver.find_element(By.ID, 'status').text}")
    if shots:
        driver.find_element(By.ID, "view-doubt").click()
        time.sleep(0.3)
        driver.save_screenshot(str(shots / "review-doubt.png"))

    # The same edit by hand in the text script: the speaker on that line's row, its doubt mark gone.
    offsets = f"[{line['start']}-{line['end']}]"
    rows = original.split("\n")
    row = next(i for i, r in enumerate(rows) if r.endswith(offsets) and " > \"" in r)
    rows[row] = re.sub(r"^\s*.*? > \"", f"{new_speaker} > \"", rows[row])
    rows[row] = re.sub(r"\"  \? \S+ [0-9.]+  \[", "\"  [", rows[row])
    (work / "by-hand.script").write_text("\n".join(rows))

    def normalised(name):
        data = json.loads(run("script", name, "--format", "json", *given))
        return ([(l["kind"], l["speaker"], l["text"], l["start"], l["end"]) for s in data["scenes"] for l in s["lines"]],
                sorted((c["name"], c["lines"]) for c in data["characters"]))

    check(normalised("saved.script") == normalised("by-hand.script"),
          "the saved script is the script with the same edit made by hand")
finally:
    if driver:
        driver.quit()
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
    shutil.rmtree(work, ignore_errors=True)
check(server.returncode == 0, f"review stopped cleanly on SIGTERM (exit {server.returncode})")
print(f"review-browser: {passed} passed, 0 failed")
