#!/usr/bin/env python3
"""How the book reads: per numbered notebook, cells, code cells with committed output, figures, and the length of
exported cells (lines). Usage: python .ci/nbstats.py [NBS_FOLDER]"""
import json, re, sys, statistics as st
from pathlib import Path

def stats(folder="nbs"):
    rows, allexp = [], []
    for f in sorted(Path(folder).glob("[0-9]*.ipynb")):
        cells = json.loads(f.read_text())["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        with_out = sum(bool(c.get("outputs")) for c in code)
        figs = sum(1 for c in code for o in c.get("outputs", []) if {"image/png", "image/svg+xml"} & set(o.get("data", {})))
        exp = ["".join(c["source"]).count("\n") + 1 for c in code if re.search(r"^#\|\s*export", "".join(c["source"]), re.M)]
        lines = ["".join(c["source"]).count("\n") + 1 for c in code]
        allexp += exp
        rows.append(dict(notebook=f.name, cells=len(cells), code=len(code), with_output=with_out, figures=figs,
                         exported=len(exp), median_lines=st.median(exp) if exp else 0, max_lines=max(exp, default=0),
                         code_lines=lines))
    return rows, allexp

if __name__ == "__main__":
    rows, allexp = stats(sys.argv[1] if len(sys.argv) > 1 else "nbs")
    print(f"{'notebook':20s} {'cells':>5s} {'code':>5s} {'w/ output':>10s} {'figs':>5s} {'exported':>8s} {'med lines':>9s} {'max':>4s}")
    for r in rows:
        print(f"{r['notebook']:20s} {r['cells']:5d} {r['code']:5d} {r['with_output']:4d} ({100*r['with_output']/max(r['code'],1):3.0f}%) "
              f"{r['figures']:5d} {r['exported']:8d} {r['median_lines']:9.1f} {r['max_lines']:4d}")
    tc, to = sum(r["code"] for r in rows), sum(r["with_output"] for r in rows)
    print(f"total: {tc} code cells, {to} with output ({100*to/max(tc,1):.0f}%); {sum(r['figures'] > 0 for r in rows)} notebooks "
          f"with a figure; exported cells: {len(allexp)}, median {st.median(allexp) if allexp else 0} lines, max {max(allexp, default=0)}")
    allc = [n for r in rows for n in r["code_lines"]]
    print(f"code cells: median {st.median(allc)} lines; lessons 00-04: median "
          f"{st.median([n for r in rows[:5] for n in r['code_lines']])} lines (python .ci/house.py checks exported cells' length)")
