#!/usr/bin/env python3
"""The library's house rules, checked on the exported modules and their notebooks:
1. no import circle among `fair_nb`'s modules, imports inside functions included;
2. a module imports at load time only modules of earlier notebooks (a lesson uses only what was taught before it);
3. no private name (`_x`) imported from another module;
4. no exported cell over 40 lines of code (literal data — a dict, list or tuple of constants — and a command's
   list of flags in its signature do not count: they are data, read one line at a time).
Prints one line per breach and `house rules: ok` or `house rules: N breaches`; exit status 1 on any breach.
Usage: python .ci/house.py [REPO]"""
import ast, json, re, sys
from pathlib import Path

MAX_CODE_LINES = 40

def modules(root: Path) -> dict:
    "{module: (notebook number, source)} from the `File to edit` line nbdev writes at the top of each module."
    out = {}
    for p in sorted((root/"fair_nb").glob("*.py")):
        if p.stem.startswith("_"): continue
        src = p.read_text(); m = re.search(r"File to edit: \.\./nbs/(\d+)_\w+\.ipynb", src)
        if m: out[p.stem] = (int(m.group(1)), src)
    return out

def imports(src: str, mods) -> list:
    "`(module imported, names, at load time?)` for every import of a fair_nb module in `src`."
    found, tree = [], ast.parse(src)
    def visit(node, top):
        for ch in ast.iter_child_nodes(node):
            inner = top and not isinstance(ch, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(ch, ast.ImportFrom):
                mod = (ch.module or "").split(".")
                if ch.level == 1 and mod[0] in mods: found.append((mod[0], [a.name for a in ch.names], top))
                elif ch.level == 0 and mod[0] == "fair_nb":
                    if len(mod) > 1 and mod[1] in mods: found.append((mod[1], [a.name for a in ch.names], top))
                    else: found.extend((a.name, [], top) for a in ch.names if a.name in mods)
            elif isinstance(ch, ast.Import):
                for a in ch.names:
                    parts = a.name.split(".")
                    if parts[0] == "fair_nb" and len(parts) > 1 and parts[1] in mods: found.append((parts[1], [], top))
            visit(ch, inner)
    visit(tree, True)
    return found

def cycles(graph: dict) -> list:
    "Every module that lies on a circle of the import graph, with one circle through it."
    out = []
    def path(a, b, seen):
        if a == b: return [a]
        for n in graph.get(a, ()):
            if n not in seen:
                seen.add(n); p = path(n, b, seen)
                if p: return [a] + p
        return None
    for m in graph:
        for n in graph[m]:
            p = path(n, m, {n})
            if p: out.append(" -> ".join([m] + p))
    return sorted(set(out))

def data_lines(tree: ast.Module) -> set:
    "Line numbers that hold literal data: top-level assignments of constant containers, and function argument lists."
    lines = set()
    def constant(v):
        try: ast.literal_eval(v); return True
        except Exception: return False
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None and isinstance(node.value, (ast.Dict, ast.List, ast.Tuple, ast.Set)) and constant(node.value):
            lines |= set(range(node.lineno, node.end_lineno + 1))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first_body = node.body[0].lineno
            if first_body - node.lineno > 3: lines |= set(range(node.lineno + 1, first_body - 1))   # the flags, not the def line
    return lines

def long_cells(root: Path) -> list:
    out = []
    for nb in sorted((root/"nbs").glob("[0-9]*.ipynb")):
        for c in json.loads(nb.read_text())["cells"]:
            src = "".join(c["source"])
            if c["cell_type"] != "code" or not re.match(r"#\|\s*export", src): continue
            code = "\n".join("" if l.startswith("#|") else l for l in src.splitlines())
            try: skip = data_lines(ast.parse(code))
            except SyntaxError: skip = set()
            n = sum(1 for i, l in enumerate(code.splitlines(), 1) if l.strip() and not l.startswith("#|") and i not in skip)
            if n > MAX_CODE_LINES: out.append(f"{nb.name} cell {c.get('id')}: {n} lines of code (at most {MAX_CODE_LINES})")
    return out

def main(root=Path(".")):
    mods = modules(root)
    graph, breaches = {m: set() for m in mods}, []
    for m, (num, src) in mods.items():
        for dep, names, top in imports(src, mods):
            if dep == m: continue
            graph[m].add(dep)
            if top and mods[dep][0] > num:
                breaches.append(f"{m} (notebook {num:02d}) imports {dep} (notebook {mods[dep][0]:02d}), a later notebook, at load time")
            for n in names:
                if n.startswith("_") and not n.startswith("__"): breaches.append(f"{m} imports the private name {dep}.{n}")
    breaches += [f"import circle: {c}" for c in cycles(graph)]
    breaches += long_cells(root)
    for b in breaches: print(b)
    print("house rules: ok" if not breaches else f"house rules: {len(breaches)} breaches")
    return 1 if breaches else 0

if __name__ == "__main__": sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".")))
