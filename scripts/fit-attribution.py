#!/usr/bin/env python3
"""Fit the exchange decoder's weights from annotated novels (PDNC layout), by maximum likelihood.

usage: scripts/fit-attribution.py AUDIOBOOK_BINARY [--data DIR] [--examples DIR] [--out FILE]
                                  [--leave-one-out DIR]

For every novel of DIR (default ../shared/pdnc-dev) and both modes (without a cast, and with the cast
`pdnc_cast.py` makes), the tool writes what its decoder saw of each exchange (`audiobook script
--decoder-examples`): per paragraph, the candidates' feature values. Each open paragraph (one no rule
fixed) whose annotated speaker is among the candidates is one example: a log-linear choice among the
candidates, scored by the emission features and the turn the annotated speakers before it make
(weights times values, as the decoder adds them up). The weights that make the annotated speakers most
likely (L2-regularised, Newton's method) are written as the `decoder` object of a weights file, which
`audiobook … --attribution-weights FILE` reads.

--out FILE            the weights fitted on every novel (default: print them)
--leave-one-out DIR   also DIR/NOVEL.json for each novel: the weights fitted without it
--examples DIR        keep the decoder examples there (reused when present and newer than the binary)
Nothing but the Python standard library is used."""
import bisect
import json
import math
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.join(HERE, "..", "..", "shared", "eval")
sys.path.insert(0, EVAL)
import pdnc  # noqa: E402  (the corpus's loader and scorer, beside the checkout)
import score_attribution  # noqa: E402
REGULARISATION = 2.0  # the Gaussian prior's precision: weights are pulled toward 0 by this much per unit


def arguments():
    args = sys.argv[1:]
    if not args or args[0].startswith("--"):
        sys.exit(__doc__)
    options = {"binary": os.path.abspath(args[0]), "data": os.path.join(HERE, "..", "..", "shared", "pdnc-dev")}
    i = 1
    while i < len(args):
        key = args[i]
        if key not in ("--data", "--examples", "--out", "--leave-one-out") or i + 1 >= len(args):
            sys.exit(f"fit-attribution: unknown option {key}\n{__doc__}")
        options[key[2:].replace("-", "_")] = args[i + 1]
        i += 2
    return options


def decoder_examples(binary, novel_dir, mode, folder):
    """The decoder examples of one novel and mode, made with the tool (kept in `folder`)."""
    name = os.path.basename(os.path.normpath(novel_dir))
    path = os.path.join(folder, f"{name}.{mode}.jsonl")
    if not (os.path.exists(path) and os.path.getmtime(path) > os.path.getmtime(binary)):
        command = [binary, "script", os.path.join(novel_dir, "novel_text.txt"), "--format", "json",
                   "--decoder-examples", path]
        if mode == "cast":
            cast = os.path.join(folder, f"{name}.cast.yaml")
            with open(cast, "w", encoding="utf-8") as f:
                subprocess.run([sys.executable, os.path.join(EVAL, "pdnc_cast.py"), novel_dir], stdout=f, check=True)
            command += ["--cast", cast]
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def labelled(novel_dir, exchanges):
    """Each exchange's paragraphs with the candidate index of their annotated speaker (None: not among them)."""
    text, characters, quotes, by_name = pdnc.load(novel_dir)
    to_char = score_attribution.char_offsets(text)
    spans = sorted((a, b, q["speaker_id"]) for q in quotes for a, b in q["spans"])
    starts = [s[0] for s in spans]

    def gold(start, end):
        best, overlap = None, 0
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        while i < len(spans) and spans[i][0] < end:
            o = min(end, spans[i][1]) - max(start, spans[i][0])
            if o > overlap:
                best, overlap = spans[i][2], o
            i += 1
        return best

    out = []
    for exchange in exchanges:
        ids = [score_attribution.resolve(n, characters, by_name) for n in exchange["candidates"]]
        labels = []
        for paragraph in exchange["paragraphs"]:
            a, b = paragraph["quotes"][0]
            speaker = gold(to_char(a), to_char(b))
            labels.append(ids.index(speaker) if speaker is not None and speaker in ids else None)
        out.append((exchange, labels))
    return out


def choices(exchange, labels):
    """The examples of one exchange: per open paragraph with a known speaker, each candidate's feature
    values (emission and the turn after the annotated speakers before), and the annotated one's index."""
    paragraphs = exchange["paragraphs"]
    states = [p.get("anchor") if p.get("anchor") is not None else label for p, label in zip(paragraphs, labels)]
    found = []
    for i, paragraph in enumerate(paragraphs):
        if paragraph.get("anchor") is not None or labels[i] is None:
            continue
        s1 = states[i - 1] if i >= 1 else None
        s2 = states[i - 2] if i >= 2 else None
        if i >= 1 and (s1 is None or s1 < 0):
            continue  # the turn before is someone not among the candidates: the transition is not known
        rows = []
        for c, emission in enumerate(paragraph["emission"]):
            values = dict(emission)
            if i >= 1:
                same, alternate, join, first = paragraph["transition"][c]
                if c == s1:
                    turn = same
                elif s2 is None or s2 < 0:
                    turn = first if s2 is None else join
                elif c == s2:
                    turn = alternate
                else:
                    turn = join
                if turn:
                    values[turn] = values.get(turn, 0) + 1
            rows.append(tuple(sorted((k, round(v, 2)) for k, v in values.items())))
        found.append((tuple(rows), labels[i]))
    return found


def fit(examples, features):
    """Maximum-likelihood weights (L2-regularised) of a log-linear choice, by Newton's method."""
    index = {f: k for k, f in enumerate(features)}
    counted = {}
    for example in examples:
        counted[example] = counted.get(example, 0) + 1
    data = [([[(index[k], v) for k, v in row if k in index] for row in rows], label, n)
            for (rows, label), n in counted.items()]
    d = len(features)
    w = [0.0] * d

    def objective(w):
        total = -0.5 * REGULARISATION * sum(x * x for x in w)
        for rows, label, n in data:
            scores = [sum(w[k] * v for k, v in row) for row in rows]
            top = max(scores)
            total += n * (scores[label] - top - math.log(sum(math.exp(s - top) for s in scores)))
        return total

    current = objective(w)
    for _ in range(30):
        gradient = [-REGULARISATION * x for x in w]
        hessian = [[0.0] * d for _ in range(d)]
        for k in range(d):
            hessian[k][k] = REGULARISATION
        for rows, label, n in data:
            scores = [sum(w[k] * v for k, v in row) for row in rows]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            z = sum(exps)
            probabilities = [e / z for e in exps]
            mean = {}
            for p, row in zip(probabilities, rows):
                for k, v in row:
                    mean[k] = mean.get(k, 0.0) + p * v
            for k, v in rows[label]:
                gradient[k] += n * v
            for k, m in mean.items():
                gradient[k] -= n * m
            for p, row in zip(probabilities, rows):
                centred = dict((k, -m) for k, m in mean.items())
                for k, v in row:
                    centred[k] = centred.get(k, 0.0) + v
                items = [(k, v) for k, v in centred.items() if v]
                for a, va in items:
                    for b, vb in items:
                        hessian[a][b] += n * p * va * vb
        step = solve(hessian, gradient)
        scale = 1.0
        while scale > 1e-4:
            trial = [x + scale * s for x, s in zip(w, step)]
            value = objective(trial)
            if value >= current:
                break
            scale /= 2
        if scale <= 1e-4:
            break
        gain = value - current
        w, current = trial, value
        if gain < 1e-6 * max(1.0, abs(current)):
            break
    return {f: round(w[k], 3) for k, f in enumerate(features)}


def solve(matrix, vector):
    """x with matrix · x = vector (Gaussian elimination with partial pivoting)."""
    n = len(vector)
    a = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        if abs(a[col][col]) < 1e-12:
            continue
        for r in range(n):
            if r != col and a[r][col]:
                factor = a[r][col] / a[col][col]
                a[r] = [x - factor * y for x, y in zip(a[r], a[col])]
    return [a[i][n] / a[i][i] if abs(a[i][i]) > 1e-12 else 0.0 for i in range(n)]


def main():
    options = arguments()
    data = os.path.abspath(options["data"])
    novels = sorted(n for n in os.listdir(data) if os.path.exists(os.path.join(data, n, "quotation_info.csv")))
    if not novels:
        sys.exit(f"fit-attribution: no annotated novels in {data}")
    folder = options.get("examples") or tempfile.mkdtemp(prefix="fit-attribution-")
    os.makedirs(folder, exist_ok=True)
    per_novel = {}
    features = set()
    for novel in novels:
        found = []
        for mode in ("plain", "cast"):
            exchanges = decoder_examples(options["binary"], os.path.join(data, novel), mode, folder)
            for exchange, labels in labelled(os.path.join(data, novel), exchanges):
                found += choices(exchange, labels)
        per_novel[novel] = found
        features |= {k for rows, _ in found for row in rows for k, _ in row}
        print(f"fit-attribution: {novel}: {len(found)} examples", file=sys.stderr)
    features = sorted(features)

    def document(weights, trained_on):
        return json.dumps({"decoder": weights, "fitted on": trained_on}, indent=2, sort_keys=True) + "\n"

    if "leave_one_out" in options:
        os.makedirs(options["leave_one_out"], exist_ok=True)
        for novel in novels:
            others = [n for n in novels if n != novel]
            weights = fit([e for n in others for e in per_novel[n]], features)
            with open(os.path.join(options["leave_one_out"], f"{novel}.json"), "w", encoding="utf-8") as f:
                f.write(document(weights, others))
            print(f"fit-attribution: weights without {novel} written", file=sys.stderr)
    weights = fit([e for n in novels for e in per_novel[n]], features)
    if "out" in options:
        with open(options["out"], "w", encoding="utf-8") as f:
            f.write(document(weights, novels))
    else:
        sys.stdout.write(document(weights, novels))


if __name__ == "__main__":
    main()
