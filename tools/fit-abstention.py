#!/usr/bin/env python3
"""Fits the abstention model of src/StoryBot.Core/Retrieval/Abstention.cs on the development set.

    dotnet build src/StoryBot -c Release -o /tmp/storybot
    python3 tools/fit-abstention.py /tmp/storybot            # hybrid mode
    python3 tools/fit-abstention.py /tmp/storybot --lexical  # lexical-only mode

Runs every development question through `ask --json --explain`, takes the features of the best
candidate (keyword coverage, keyword score, sentence similarity and its margin over the runner-up),
labels it 1 when that excerpt is one the set expects and 0 otherwise (unanswerable questions are
always 0), fits a logistic regression (standardised features, L2 0.01, gradient descent) and prints
the weights on the features' own scale with, per threshold, what answering above it would give on
the development set. The threshold is chosen where right answers minus twice the wrong or
unwarranted ones minus false abstentions is highest: a wrong citation is the worst outcome.

Only the development set is read. Needs Python 3 with PyYAML.
"""
import json, math, os, subprocess, sys

import yaml

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
bot = sys.argv[1]
lexical = "--lexical" in sys.argv
items = yaml.safe_load(open(os.path.join(root, "tests/StoryBot.Core.Tests/Quality/development.yaml"), encoding="utf-8"))
env = dict(os.environ, Storage__ConnectionString="Data Source=" + os.path.join(bot, "fit.db"))
if lexical:
    env["Answering__Mode"] = "Lexical"
run = subprocess.run(["dotnet", os.path.join(bot, "StoryBot.dll"), "ask", "--json", "--explain"],
                     input="\n".join(i["question"].replace("\n", " ") for i in items) + "\n",
                     capture_output=True, text=True, cwd=root, env=env, check=True)
replies = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
assert len(replies) == len(items), "one reply per question"

names = ["coverage", "lexical"] if lexical else ["coverage", "lexical", "semantic", "margin"]
rows = []
for item, reply in zip(items, replies):
    explain = reply.get("explain") or {}
    if explain.get("confidence") is None or not explain.get("candidates"):
        continue  # answered by another path (a name alone, the summary, a relative day)
    top = explain["candidates"][0]
    features = {"coverage": top["coverage"], "lexical": top["lexical"], "semantic": top["semantic"], "margin": explain["margin"]}
    answerable = item["expect"] not in (None, "none")
    rows.append(([features[n] for n in names], 1 if answerable and top["excerptId"] in item["expect"] else 0, answerable))

n = len(names)
mean = [sum(r[0][i] for r in rows) / len(rows) for i in range(n)]
std = [(sum((r[0][i] - mean[i]) ** 2 for r in rows) / len(rows)) ** 0.5 or 1 for i in range(n)]
xs = [[(r[0][i] - mean[i]) / std[i] for i in range(n)] for r in rows]
ys = [r[1] for r in rows]
weights, bias = [0.0] * n, 0.0
for _ in range(3000):
    grad, grad_bias = [0.0] * n, 0.0
    for x, y in zip(xs, ys):
        error = 1 / (1 + math.exp(-(sum(w * v for w, v in zip(weights, x)) + bias))) - y
        grad = [g + error * v for g, v in zip(grad, x)]
        grad_bias += error
    weights = [w - 0.1 * (g / len(xs) + 0.01 * w) for w, g in zip(weights, grad)]
    bias -= 0.1 * grad_bias / len(xs)

raw = [weights[i] / std[i] for i in range(n)]
raw_bias = bias - sum(weights[i] * mean[i] / std[i] for i in range(n))
print("bias %.3f, " % raw_bias + ", ".join("%s %.3f" % (name, w) for name, w in zip(names, raw)))
probabilities = [1 / (1 + math.exp(-(sum(w * v for w, v in zip(weights, x)) + bias))) for x in xs]
answerable = sum(1 for r in rows if r[2]) or 1
unanswerable = sum(1 for r in rows if not r[2]) or 1
for threshold in [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]:
    answered = [p >= threshold for p in probabilities]
    right = sum(1 for r, a in zip(rows, answered) if a and r[1])
    wrong = sum(1 for r, a in zip(rows, answered) if a and not r[1])
    false_abstained = sum(1 for r, a in zip(rows, answered) if not a and r[2])
    abstained = sum(1 for r, a in zip(rows, answered) if not a and not r[2])
    print("threshold %.2f: right %.1f %%, false abstention %.1f %%, abstained when unanswerable %.1f %%, utility %d"
          % (threshold, 100 * right / answerable, 100 * false_abstained / answerable, 100 * abstained / unanswerable,
             right - 2 * wrong - false_abstained))
