#!/usr/bin/env python3
"""Helper of `.ci/gpu` (the prepared GPU check): the small Python pieces the bash script needs.

Subcommands (each prints what it did; `.ci/gpu` calls them, one per step, under `timeout`):
  prepare  copy a small EuroSAT subset (+ split entries, descriptions) into a folder that a device call carries
  env      the machine a timing was taken on: device name, GPU capability or CPU capability, torch version
  train    run `fair_nb_train` in this process (the console script's own function) and record wall time and peak memory
  crash    start `fair_nb_train`, kill it (SIGKILL) once its first checkpoint is written, resume it with `--resume`
  nccl     under torchrun: join the process group (nccl on GPUs, gloo on CPUs), check and time an all-reduce
  record   turn one step's outputs (bench JSON, run folder, ...) into its record: figures + ok/failed
  report   merge the records into gpu_check.json and the short table gpu_check.txt
The library itself (fair_nb) does every measurement that matters; this file only launches, compares and writes.
"""
from __future__ import annotations
import argparse, json, math, os, platform, resource, shutil, signal, subprocess, sys, time
from pathlib import Path

MiB = 2**20
STEPS = ("setup", "bench", "train", "resume", "ddp1", "ddp2", "nccl")   # the report's order


def _dump(obj, path):
    path = Path(path); path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp"); tmp.write_text(json.dumps(obj, indent=1, default=str)); tmp.replace(path)
    return path


def _load(path, default=None):
    try: return json.loads(Path(path).read_text())
    except (OSError, ValueError): return default


# ---------------------------------------------------------------------------------------------------------------- prepare
def prepare(a):
    "EuroSAT subset: the first `train` and `test` entries per class of the shared split, their JPEGs, the descriptions."
    src, dest = Path(a.shared), Path(a.dest)
    split_file, img_dir = src/"data"/"eurosat"/"vissl_split.json", src/"data"/"eurosat"/"2750"
    for p in (split_file, img_dir, src/"descriptions"/"eurosat.json"):
        if not p.exists(): sys.exit(f"gpu_check prepare: {p} is missing: point FAIR_NB_SHARED at the shared folder "
                                    f"(holding data/eurosat/2750, data/eurosat/vissl_split.json, descriptions/eurosat.json).")
    split = json.loads(split_file.read_text())
    def first(entries, n):
        got, per = [], {}
        for e in entries:
            if per.get(e[1], 0) < n: got.append(e); per[e[1]] = per.get(e[1], 0) + 1
        return got
    sub = dict(labels=split["labels"], train=first(split["train"], a.train), val=first(split["val"], a.test),
               note=f"Subset for .ci/gpu: the first {a.train} 'train' and {a.test} 'val' entries per class of "
                    f"vissl_split.json. " + split.get("note", ""))
    if dest.exists(): shutil.rmtree(dest)
    out_img = dest/"data"/"eurosat"/"2750"
    for rel, _ in sub["train"] + sub["val"]:
        (out_img/rel).parent.mkdir(parents=True, exist_ok=True); shutil.copy2(img_dir/rel, out_img/rel)
    (dest/"data"/"eurosat"/"vissl_split.json").write_text(json.dumps(sub))
    (dest/"descriptions").mkdir(parents=True, exist_ok=True)
    for f in ("eurosat.json", "templates.json"):
        if (src/"descriptions"/f).is_file(): shutil.copy2(src/"descriptions"/f, dest/"descriptions"/f)
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    _dump(dict(source=str(src), train_per_class=a.train, test_per_class=a.test, n_train=len(sub["train"]),
               n_test=len(sub["val"]), bytes=size, date=time.strftime("%Y-%m-%d %H:%M:%S"), commit=a.commit), dest/"PREPARED.json")
    print(f"{dest}: {len(sub['train'])} train + {len(sub['val'])} test EuroSAT images, descriptions; {size / MiB:.1f} MiB")
    if size > a.max_mib * MiB: sys.exit(f"gpu_check prepare: {dest} is {size / MiB:.1f} MiB, over {a.max_mib} MiB: use fewer images.")


# -------------------------------------------------------------------------------------------------------------------- env
def _nccl_version():
    import torch
    try: v = torch.cuda.nccl.version()
    except Exception: return None
    return ".".join(map(str, v)) if isinstance(v, (tuple, list)) else str(v)


def machine(device: str) -> dict:
    "Where the timings were taken: the device's name, its capability, the torch build."
    import torch
    from fair_nb.bench import _cpu_name
    e = dict(device=device, torch=torch.__version__, torch_cuda=torch.version.cuda, python=platform.python_version(),
             cpu=_cpu_name(), cpu_count=os.cpu_count(), cpu_capability=torch.backends.cpu.get_cpu_capability(),
             date=time.strftime("%Y-%m-%d %H:%M:%S"),
             shm_free_gib=round(shutil.disk_usage("/dev/shm").free / 2**30, 1) if Path("/dev/shm").is_dir() else None)
    if device == "cuda":
        if not torch.cuda.is_available():
            raise SystemExit("gpu_check: --device cuda, but torch.cuda.is_available() is False here: use --device cpu.")
        gpus = []
        for i in range(torch.cuda.device_count()):
            p = torch.cuda.get_device_properties(i)
            gpus.append(dict(name=p.name, capability=f"{p.major}.{p.minor}", sms=p.multi_processor_count,
                             memory_gib=round(p.total_memory / 2**30, 1)))
        e.update(gpus=gpus, gpu_count=len(gpus), gpu=gpus[0]["name"], capability=gpus[0]["capability"],
                 cudnn=torch.backends.cudnn.version(),
                 nccl=_nccl_version())
        try:
            e["nvidia_smi"] = subprocess.run(["nvidia-smi", "--query-gpu=name,driver_version,memory.total,clocks.max.sm",
                                              "--format=csv,noheader"], capture_output=True, text=True, timeout=20).stdout.strip()
        except Exception as x: e["nvidia_smi"] = f"unavailable ({type(x).__name__})"
        e["where"] = f"{e['gpu']} (capability {e['capability']}), torch {e['torch']}"
    else:
        e["where"] = f"{e['cpu']} (cpu capability {e['cpu_capability']}), torch {e['torch']}"
    return e


def env(a):
    "The machine's record; also checks that every module the console scripts need imports, and whose fair_nb it is."
    import torch, fair_nb, fair_nb.bench, fair_nb.cli     # fails here, at once, if the console scripts cannot import
    if not Path(fair_nb.__file__).resolve().is_relative_to(Path(a.repo).resolve()):
        raise SystemExit(f"gpu_check: fair_nb is imported from {fair_nb.__file__}, not from {a.repo}: set PYTHONPATH={a.repo}")
    e = machine(a.device); e["commit"] = a.commit
    from importlib.metadata import version, PackageNotFoundError
    def v(name):
        try: return version(name)
        except PackageNotFoundError: return None
    e["versions"] = {p: v(p) for p in ("torchvision", "open_clip_torch", "fastcore", "numpy", "timm", "huggingface_hub")}
    e["versions"]["fair_nb"] = fair_nb.__version__
    import open_clip; e["open_clip_from"] = str(Path(open_clip.__file__).parent)
    _dump(e, a.out); print(f"machine: {e['where']}" + (f"; {e['gpu_count']} GPU(s), NCCL {e['nccl']}" if a.device == "cuda" else ""))


# ------------------------------------------------------------------------------------------------------------ train, crash
def _peak_memory(device: str) -> dict:
    import torch
    if device.startswith("cuda"):
        return dict(peak_mb=torch.cuda.max_memory_allocated() / MiB, peak_reserved_mb=torch.cuda.max_memory_reserved() / MiB,
                    memory_kind="torch.cuda.max_memory_allocated over the whole fair_nb_train call (bytes held by tensors)")
    return dict(peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                memory_kind="peak RSS of the process (getrusage ru_maxrss; DataLoader workers not counted)")


def _device_of(args: dict) -> str:
    import torch
    return args.get("device") or ("cuda" if torch.cuda.is_available() else "cpu")


def train(a):
    "`fair_nb_train <args>` in this process (the console script's function), then its wall time and peak memory."
    import torch
    from fair_nb.cli import fair_nb_train, parse_args
    args = parse_args(fair_nb_train, a.args)
    dev = _device_of(args)
    if dev.startswith("cuda"): torch.cuda.reset_peak_memory_stats()
    t0 = time.time()
    fair_nb_train(**args)
    _dump(dict(wall_s=round(time.time() - t0, 2), **_peak_memory(dev), argv=a.args), a.result)


def crash(a):
    "Kill a `fair_nb_train` run (SIGKILL to its process group) once it wrote a checkpoint, then `--resume` it here."
    from fair_nb.cli import fair_nb_train, parse_args
    from fair_nb.run import load_checkpoint, CKPT_NAME
    args = parse_args(fair_nb_train, a.args)
    out = Path(args["out"]); ck = out/CKPT_NAME
    t0 = time.time()
    p = subprocess.Popen(a.exe.split() + a.args, start_new_session=True)
    def stop(*_):                                   # `timeout` signals our group, not the child's own session
        try: os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError: pass
        os._exit(124)                               # at once: no interpreter shutdown while `timeout` waits
    signal.signal(signal.SIGTERM, stop)
    while p.poll() is None and not ck.exists(): time.sleep(0.02)
    killed = p.poll() is None
    if killed: os.killpg(p.pid, signal.SIGKILL); p.wait()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    r = dict(killed=killed, first_rc=p.returncode, first_s=round(time.time() - t0, 2))
    if not ck.exists():
        r["error"] = f"the first run ended (rc {p.returncode}) without writing {ck}"
        _dump(r, a.result); sys.exit(1)
    r["resumed_from_step"] = load_checkpoint(ck)["step"]
    print(f"gpu_check crash: {'killed' if killed else 'NOT killed (it ended first)'} the run after its checkpoint at step "
          f"{r['resumed_from_step']}; resuming with --resume", flush=True)
    t1 = time.time()
    fair_nb_train(**parse_args(fair_nb_train, a.args + ["--resume"]))
    r["resume_s"] = round(time.time() - t1, 2)
    _dump(r, a.result)


# ------------------------------------------------------------------------------------------------------------------- nccl
def nccl(a):
    "Under torchrun: init the process group, all-reduce a known tensor (exactness), time all-reduces of `mib` MiB."
    import torch, torch.distributed as dist
    local = int(os.environ.get("LOCAL_RANK", 0))
    cuda = a.device == "cuda"
    if cuda: torch.cuda.set_device(local)
    dev = torch.device(f"cuda:{local}" if cuda else "cpu")
    backend = "nccl" if cuda else "gloo"
    dist.init_process_group(backend)
    rank, world = dist.get_rank(), dist.get_world_size()
    x = torch.full((1000,), float(rank + 1), device=dev); dist.all_reduce(x)
    exact = bool((x == world * (world + 1) / 2).all())
    n = a.mib * MiB // 4
    buf = torch.ones(n, device=dev)
    for _ in range(2): dist.all_reduce(buf)
    if cuda: torch.cuda.synchronize()
    dist.barrier(); t0 = time.perf_counter()
    for _ in range(a.reps): dist.all_reduce(buf)
    if cuda: torch.cuda.synchronize()
    dt = (time.perf_counter() - t0) / a.reps
    dist.barrier()
    if rank == 0:
        bus = 2 * (world - 1) / world * n * 4 / dt if world > 1 else None   # NCCL's "bus bandwidth"
        _dump(dict(backend=backend, world=world, exact=exact, mib=a.mib, all_reduce_ms=round(dt * 1e3, 3),
                   bus_gb_per_s=None if bus is None else round(bus / 1e9, 2)), a.result)
        print(f"gpu_check nccl: {backend}, {world} process(es), all-reduce exact={exact}, {a.mib} MiB in {dt * 1e3:.3f} ms")
    dist.destroy_process_group()
    if not exact: sys.exit(1)


# ----------------------------------------------------------------------------------------------------------------- record
def _params(run: Path):
    from fair_nb.run import load_checkpoint, CKPT_NAME
    ck = load_checkpoint(run/CKPT_NAME)          # read without unpickling code, as every fair_nb reader does
    return ck["step"], ck["trainable"]


def compare_runs(run: Path, ref: Path, tol: float) -> dict:
    "Max |difference| of the trainable parameters (checkpoint tensors) of two runs, against `tol`."
    s1, p1 = _params(run); s0, p0 = _params(ref)
    if set(p1) != set(p0): return dict(ok=False, error=f"different parameter names ({len(p1)} vs {len(p0)})")
    diffs = {n: float((p1[n].float() - p0[n].float()).abs().max()) for n in p0}
    worst = max(diffs, key=diffs.get)
    d = diffs[worst]
    return dict(max_abs_diff=d, worst_param=worst, tol=tol, steps=s1, ref_steps=s0, n_tensors=len(p0),
                ok=bool(s1 == s0 and math.isfinite(d) and d <= tol))


def _run_figures(run: Path) -> dict:
    "Figures of a fair_nb_train run folder: steps, images/s (whole loop and steady state), top-1, timings."
    m = _load(run/"metrics.json")
    if m is None: return dict(error=f"no {run}/metrics.json")
    t = m["timings"]
    f = dict(steps=m["steps"], total_steps=m["total_steps"], batch=m["config"]["batch_size"], world_size=m["world_size"],
             images_per_s=t.get("images_per_s"), steps_per_s=t.get("steps_per_s"), train_s=t.get("train_s"),
             build_s=t.get("build_s"), eval_s=t.get("eval_s"), top1=m["top1"], n_test=m["n_test"], n_train=m["n_train"],
             trainable_params=m["trainable_params"], device=m["device"], model=m["config"]["model"])
    recs = [json.loads(l) for l in (run/"log.jsonl").read_text().splitlines() if l.strip()] if (run/"log.jsonl").is_file() else []
    f["log_steps_once"] = [r["step"] for r in recs] == list(range(1, m["steps"] + 1))   # a resumed log holds each step once
    f["final_loss"] = recs[-1]["loss"] if recs else None
    half = recs[len(recs) // 2:]
    if len(half) >= 3 and half[-1]["time"] > half[0]["time"]:     # steady state: the second half of the steps
        f["images_per_s_steady"] = round(sum(r["batch"] for r in half[1:]) / (half[-1]["time"] - half[0]["time"]), 2)
    return f


def _bench_figures(R: dict) -> dict:
    P, E = R["pseudo_labelling"], R["encoding"]
    other = next((k for k in P if k.startswith("fair_")), None)
    f = dict(arch=R["config"]["arch"], dtype=R["config"]["dtype"], batch=R["config"]["batch_size"],
             chunk=R["config"]["chunk_size"], cutter=R["config"]["cutter"], device_name=R["meta"]["device_name"],
             fair_per_s=P["fair"]["per_s"], wca_per_s=P["wca"]["per_s"], naive_per_s=P["naive"]["per_s"],
             fair_over_wca=R["fair_over_wca"], fair_peak_mb=P["fair"]["peak_mb"], wca_peak_mb=P["wca"]["peak_mb"],
             train_step_per_s=R["train_step"]["per_s"], train_step_peak_mb=R["train_step"]["peak_mb"],
             train_step_seq_first_per_s=R["train_step_seq_first"]["per_s"],
             matmul_tflops=R["matmul"]["flops_per_s"] / 1e12, model_gemm_tflops=R["matmul"]["model_gemms"]["flops_per_s"] / 1e12,
             encoding_per_s=E["per_s"], encoding_tflops=E["flops_per_s"] / 1e12, encoding_fraction_of_matmul=E["fraction_of_matmul"],
             encoding_by_chunk={str(e["chunk"]): round(e["fraction_of_matmul"], 4) for e in R.get("encoding_by_chunk", [])},
             crop_cutting_share={k: v["share_of_fair"] for k, v in R["crop_cutting"].items()},
             memory_kind=R["memory_kind"], bench_seconds=R["meta"]["seconds"])
    if other: f.update(other_cutter=P[other]["cutter"], fair_other_cutter_per_s=P[other]["per_s"])
    A = R.get("agreement", {})
    f["agreement"] = A.get("agreement"); f["agreement_n"] = A.get("n_images"); f["agreement_model"] = A.get("model")
    if "skipped" in A: f["agreement_skipped"] = A["skipped"]
    return f


def record(a):
    "One step's record: status (ok / failed / timeout / skipped), seconds, and its figures."
    e = _load(a.env, {})
    r = dict(step=a.step, status="ok", rc=a.rc, seconds=a.seconds, where=e.get("where"), what=a.what)
    if a.not_started: r.update(status="timeout", note=a.not_started)
    elif a.rc in (124, 137): r.update(status="timeout", note=f"killed by its time box ({a.box} s)")
    elif a.rc != 0: r.update(status="failed", note=f"exit status {a.rc}: see {a.log}")
    try:
        if a.step == "bench":
            R = _load(a.artifact)
            if R is not None: r.update(figures=_bench_figures(R), full=R)
            elif r["status"] == "ok": r.update(status="failed", note=f"no benchmark JSON at {a.artifact}")
        elif a.step in ("train", "resume", "ddp1", "ddp2"):
            run = Path(a.run)
            if (run/"metrics.json").is_file(): r["figures"] = _run_figures(run)
            extra = _load(a.artifact) if a.artifact else None
            if extra: r["figures"] = {**r.get("figures", {}), **{k: v for k, v in extra.items() if k != "argv"}}
            if r["status"] == "ok" and "figures" not in r: r.update(status="failed", note=f"no {run}/metrics.json")
            if r["status"] == "ok" and a.step == "resume" and not r["figures"].get("killed"):
                r.update(status="failed", note="the first run ended before it could be killed: nothing was resumed")
            if r["status"] == "ok" and not r["figures"].get("log_steps_once", True):
                r.update(status="failed", note="log.jsonl does not hold each step exactly once")
            if a.ref and (Path(a.ref)/"last.pt").is_file() and (run/"last.pt").is_file():
                r["compare"] = dict(against=a.ref, **compare_runs(run, Path(a.ref), a.tol))
                if r["status"] == "ok" and not r["compare"]["ok"]:
                    r.update(status="failed", note=f"parameters differ from {Path(a.ref).name}'s by "
                                                   f"{r['compare'].get('max_abs_diff')} > tol {a.tol}")
            elif a.ref and r["status"] == "ok": r.update(status="failed", note=f"no last.pt to compare with {a.ref}")
        elif a.step == "nccl":
            x = _load(a.artifact)
            if x: r["figures"] = x
            elif r["status"] == "ok": r.update(status="failed", note=f"no result at {a.artifact}")
    except Exception as x:        # a record that cannot be read is a failed step, never a crash of the report
        r.update(status="failed", note=f"could not read the step's output: {type(x).__name__}: {x}")
    if a.skip: r.update(status="skipped", note=a.skip)
    if a.fail: r.update(status="failed", note=a.fail)
    _dump(r, Path(a.dir)/f"{a.step}.json")
    print(f"gpu_check: {a.step}: {r['status']}" + (f" ({r['note']})" if r.get("note") else "") + f", {a.seconds:.1f} s")


# ----------------------------------------------------------------------------------------------------------------- report
def _f(x, fmt="{:.2f}", none="—"): return none if x is None else fmt.format(x)


def table_rows(S: dict) -> list[tuple[str, str]]:
    "The CUDA table's rows (figure, value): the same rows in README and 10_bench, filled from one run."
    b = S.get("bench", {}).get("figures", {}); t = S.get("train", {}).get("figures", {})
    rs, d1, d2, nc = (S.get(k, {}) for k in ("resume", "ddp1", "ddp2", "nccl"))
    def cmp(s):
        if s.get("status") == "skipped": return f"skipped: {s.get('note')}"
        c = s.get("compare")
        if not c: return s.get("status", "not run") + (f" ({s['note']})" if s.get("note") else "")
        fr = s.get("figures", {}).get("resumed_from_step")
        return (f"{s['status']}: " + (f"resumed from step {fr}, " if fr is not None else "") +
                f"max \\|Δθ\\| {c.get('max_abs_diff', float('nan')):.2g} (tol {c['tol']:.0g}) after {c.get('steps')} steps")
    gb = lambda mb: None if mb is None else mb / 1024
    rows = [
        ("FAIR pseudo-labels, N=16 k=4 + global (images/s)", _f(b.get("fair_per_s"))),
        ("WCA pseudo-labels, N=60 + global (images/s)", _f(b.get("wca_per_s")) +
         (f" (FAIR is {b['fair_over_wca']:.2f}× faster)" if b.get("fair_over_wca") else "")),
        ("naive FAIR, one pass per image (images/s)", _f(b.get("naive_per_s"))),
        (f"FAIR with the {b.get('other_cutter', 'other')} cutter (images/s)", _f(b.get("fair_other_cutter_per_s"))),
        (f"bench training step, batch {b.get('batch', 32)} (images/s)", _f(b.get("train_step_per_s"))),
        ("peak memory: FAIR call / training step (GB)", f"{_f(gb(b.get('fair_peak_mb')))} / {_f(gb(b.get('train_step_peak_mb')))}"),
        (f"matmul rate, {b.get('dtype', 'bf16')} (TFLOP/s)", _f(b.get("matmul_tflops"), "{:.3g}")),
        ("crop encoding, fraction of the matmul rate", _f(b.get("encoding_fraction_of_matmul"), "{:.0%}") +
         (f" (chunk {b['chunk']})" if b.get("chunk") else "")),
        ("bf16 = fp32 pseudo-labels (shared EuroSAT images)",
         _f(b.get("agreement"), "{:.1%}") + (f" of {b['agreement_n']}" if b.get("agreement_n") else "")),
        ("fair_nb_train: images/s (steady) / peak memory (GB)",
         f"{_f(t.get('images_per_s_steady'), '{:.0f}')} / {_f(gb(t.get('peak_mb')))}" +
         (f" ({t['steps']} steps, batch {t['batch']})" if t.get("steps") else "")),
        ("killed after a checkpoint, then --resume", cmp(rs)),
        ("torchrun, 1 process, vs the single-process run", cmp(d1)),
        ("torchrun, 2 processes, vs the single-process run", cmp(d2)),
        ("all-reduce (process group)", "skipped" if nc.get("status") == "skipped" else
         (f"{nc['status']}: {nc['figures']['backend']}, {nc['figures']['world']} process(es), exact={nc['figures']['exact']}, "
          f"{nc['figures']['mib']} MiB in {nc['figures']['all_reduce_ms']:.2f} ms" if nc.get("figures") else nc.get("status", "not run"))),
    ]
    return rows


def report(a):
    d = Path(a.dir); e = _load(a.env, {})
    S = {s: r for s in STEPS if (r := _load(d/f"{s}.json")) is not None}
    failed = [s for s, r in S.items() if r["status"] in ("failed", "timeout")]
    total = round(time.time() - a.t0, 1)
    rows = table_rows(S)
    head = (f"fair_nb GPU check ({'--quick, ' if a.quick else ''}--device {a.device}) on {e.get('where', '?')}"
            + (f", CUDA {e.get('torch_cuda')}, NCCL {e.get('nccl')}, {e.get('gpu_count')} GPU(s)" if a.device == "cuda" else "")
            + f"; {e.get('date', '')}; {total:.0f} s of a {a.budget} s budget; `{a.command}`")
    md = ["| figure | value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows]
    steps = [f"{s:7s} {r['status']:8s} {r['seconds']:7.1f} s  {r.get('what', '')}" + (f"  [{r['note']}]" if r.get("note") else "")
             for s, r in S.items()]
    text = "\n".join([head, "", *md, "", "steps:", *steps, "",
                      ("FAILED: " + ", ".join(failed)) if failed else f"all {len(S)} steps ok or skipped"]) + "\n"
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    _dump(dict(env=e, command=a.command, mode=dict(device=a.device, quick=a.quick, budget_s=a.budget), total_s=total, ok=not failed,
               failed=failed, steps=S, table=md), out/"gpu_check.json")
    (out/"gpu_check.txt").write_text(text)
    if a.print: print(text, end="")


# ------------------------------------------------------------------------------------------------------------------- main
def main(argv=None):
    p = argparse.ArgumentParser(prog="gpu_check.py", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    q = sub.add_parser("prepare"); q.add_argument("--shared", required=True); q.add_argument("--dest", required=True)
    q.add_argument("--train", type=int, default=300); q.add_argument("--test", type=int, default=50)
    q.add_argument("--max-mib", type=float, default=40); q.add_argument("--commit", default=None)
    q = sub.add_parser("env"); q.add_argument("--device", required=True); q.add_argument("--out", required=True)
    q.add_argument("--commit", default=None); q.add_argument("--repo", required=True)
    q = sub.add_parser("train"); q.add_argument("--result", required=True); q.add_argument("args", nargs=argparse.REMAINDER)
    q = sub.add_parser("crash"); q.add_argument("--result", required=True); q.add_argument("--exe", required=True)
    q.add_argument("args", nargs=argparse.REMAINDER)
    q = sub.add_parser("nccl"); q.add_argument("--result", required=True); q.add_argument("--device", required=True)
    q.add_argument("--mib", type=int, default=64); q.add_argument("--reps", type=int, default=10)
    q = sub.add_parser("record")
    for k in ("--step", "--dir", "--env"): q.add_argument(k, required=True)
    for k in ("--artifact", "--run", "--ref", "--log", "--skip", "--fail", "--not-started", "--what"): q.add_argument(k, default=None)
    q.add_argument("--rc", type=int, default=0); q.add_argument("--seconds", type=float, default=0.0)
    q.add_argument("--box", type=int, default=0); q.add_argument("--tol", type=float, default=0.0)
    q = sub.add_parser("report")
    for k in ("--dir", "--env", "--out", "--device"): q.add_argument(k, required=True)
    q.add_argument("--quick", action="store_true"); q.add_argument("--budget", type=int, default=480)
    q.add_argument("--t0", type=float, default=time.time()); q.add_argument("--print", action="store_true")
    q.add_argument("--command", default="bash .ci/gpu")
    a = p.parse_args(argv)
    if getattr(a, "args", None) and a.args[0] == "--": a.args = a.args[1:]
    dict(prepare=prepare, env=env, train=train, crash=crash, nccl=nccl, record=record, report=report)[a.cmd](a)


if __name__ == "__main__":
    main()
