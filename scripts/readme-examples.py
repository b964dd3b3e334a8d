#!/usr/bin/env python3
"""Runs every example of README.md as written, in a fresh folder holding a copy of
Examples/ and Voices/, with `audiobook` on PATH.

- In a ```sh block, every line (but `make …` set-up lines) is a command: it must exit 0.
- In a ```console block, `$ COMMAND` is a command and the lines up to the next `$ ` are
  what it prints on stdout: `--check` compares them, `--update` rewrites them in README.md.
- A command with `--play` may fail only as documented on a machine without sound:
  with the message that says nothing played and where the WAV is.

Blocks run in README order in the same folder, so a later example may use a file an
earlier one wrote. Prints `readme: N passed, M failed` and exits non-zero on a failure.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FENCE = re.compile(r"^```(\w*)\s*$")
PLAY_FAILURES = ("error: could not play ", "error: no audio player found")


def blocks(lines):
    """(info, first line index, last line index exclusive) of every fenced block."""
    result, index = [], 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if match:
            end = index + 1
            while end < len(lines) and not lines[end].startswith("```"):
                end += 1
            result.append((match.group(1), index + 1, end))
            index = end
        index += 1
    return result


def run(command, folder, path):
    environment = dict(os.environ, PATH=path + os.pathsep + os.environ.get("PATH", ""), COLUMNS="200")
    process = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=folder, env=environment,
                             stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)
    return process.returncode, process.stdout, process.stderr


def acceptable(command, status, stderr):
    if status == 0:
        return True
    last = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    return "--play" in command and last.startswith(PLAY_FAILURES)


def main():
    parser = argparse.ArgumentParser()
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--update", action="store_true")
    parser.add_argument("--path", default=os.path.join(ROOT, ".build", "release"),
                        help="a folder holding the audiobook binary to put first on PATH")
    arguments = parser.parse_args()
    if not os.access(os.path.join(arguments.path, "audiobook"), os.X_OK):
        sys.exit(f"readme: no audiobook binary in {arguments.path}")
    readme = os.path.join(ROOT, "README.md")
    lines = open(readme, encoding="utf-8").read().split("\n")
    folder = tempfile.mkdtemp(prefix="audiobook-readme-")
    passed, failures, replacements = 0, [], []
    try:
        for name in ("Examples", "Voices"):
            shutil.copytree(os.path.join(ROOT, name), os.path.join(folder, name))
        for info, start, end in blocks(lines):
            if info == "sh":
                for number in range(start, end):
                    command = lines[number].strip()
                    if not command or command.startswith("#") or command.startswith("make"):
                        continue
                    status, _, stderr = run(command, folder, arguments.path)
                    if acceptable(command, status, stderr):
                        passed += 1
                    else:
                        failures.append(f"README.md:{number + 1}: `{command}` exited {status}: {stderr.strip()[-400:]}")
            elif info == "console":
                number = start
                while number < end:
                    if not lines[number].startswith("$ "):
                        number += 1
                        continue
                    command = lines[number][2:]
                    output_end = number + 1
                    while output_end < end and not lines[output_end].startswith("$ "):
                        output_end += 1
                    shown = lines[number + 1:output_end]
                    status, stdout, stderr = run(command, folder, arguments.path)
                    printed = stdout.rstrip("\n").split("\n") if stdout.strip() else []
                    if not acceptable(command, status, stderr):
                        failures.append(f"README.md:{number + 1}: `{command}` exited {status}: {stderr.strip()[-400:]}")
                    elif printed != shown and arguments.check:
                        first = next((i for i, (a, b) in enumerate(zip(printed, shown)) if a != b), min(len(printed), len(shown)))
                        failures.append(f"README.md:{number + 2 + first}: `{command}` printed\n    {printed[first] if first < len(printed) else '(nothing more)'}\n"
                                        f"  but the README shows\n    {shown[first] if first < len(shown) else '(nothing more)'}\n"
                                        "  (make readme rewrites the README's outputs)")
                    else:
                        passed += 1
                        replacements.append((number + 1, output_end, printed))
                    number = output_end
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if arguments.update and not failures:
        for first, last, printed in reversed(replacements):
            lines[first:last] = printed
        with open(readme + ".tmp", "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines))
        os.replace(readme + ".tmp", readme)
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"readme: {passed} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
