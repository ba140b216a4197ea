"""Drive `explorer.ipynb` in a running JupyterLab with headless Chromium and check the crop explorer widget.

Run by `.ci/browser` (which installs Chromium and playwright and starts/stops JupyterLab). By hand:
    python tests_browser/explorer_in_lab.py --url http://127.0.0.1:PORT --token TOKEN --notebook explorer.ipynb --shots DIR
Checks, each printed PASS/FAIL, then the closing line `N passed, N failed`:
  1. Run All Cells ran every cell without an error output;
  2. the explorer widget shows its controls (image, N, k, α/β sliders, the upload button, the seed box) and a figure;
  3. a new seed redraws the figure, and the first seed again gives the first figure back (the seed is what is drawn);
  4. a new N redraws the figure;
  5. the widget printed no error, and the page raised none.
Screenshots of the widget after each step go to --shots.
"""
import argparse, sys, time
from pathlib import Path
from playwright.sync_api import sync_playwright, Error as PWError

EXPECTED_LABELS = ["image", "seed", "N", "k", "α, β"]
WIDGET, FIGURE = ".widget-vbox", ".widget-vbox .widget-output img"

class Checks:
    def __init__(self): self.passed, self.failed = 0, 0
    def __call__(self, name: str, ok: bool, detail: str = ""):
        if ok: self.passed += 1
        else: self.failed += 1
        print(f"{'PASS' if ok else 'FAIL'}: {name}" + (f" ({detail})" if detail else ""), flush=True)
        return ok

def figure_src(page) -> str:
    img = page.locator(FIGURE)
    return img.first.get_attribute("src") if img.count() else ""

def settled_figure(page, before: str, timeout: float = 30, quiet: float = 2.0) -> str:
    "The figure's data URL once it differs from `before` and has not changed for `quiet` s (each slider step queues a redraw)."
    t0, last, since = time.time(), figure_src(page), time.time()
    while time.time() - t0 < timeout:
        time.sleep(0.25)
        src = figure_src(page)
        if src != last: last, since = src, time.time()
        elif src != before and src and time.time() - since >= quiet: return src
    return last

def kernel_ready(page, timeout: float) -> bool:
    "Wait for the notebook's kernel to be started and idle, accepting the \"Select Kernel\" dialog (Python 3) if it comes."
    t0 = time.time()
    while time.time() - t0 < timeout:
        dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
        if dialog.count(): dialog.locator(".jp-Dialog-button.jp-mod-accept").first.click()
        name = page.locator(".jp-NotebookPanel-toolbar .jp-KernelName")
        idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count()
        if idle and name.count() and name.first.inner_text().strip() not in ("", "No Kernel"): return True
        time.sleep(0.25)
    return False

def run_all_cells(page, tries: int = 3) -> bool:
    "Run > Run All Cells; the first click sometimes does nothing, so retry while the first prompt still reads `[ ]:`."
    prompt = page.locator(".jp-CodeCell .jp-InputPrompt").first
    for _ in range(tries):
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        for _ in range(20):
            time.sleep(0.25)
            if prompt.inner_text().strip() != "[ ]:": return True
        page.keyboard.press("Escape")
    return False

def control(page, label: str):
    "The widget control whose label reads `label`."
    return page.locator(f"{WIDGET} .widget-inline-hbox", has=page.locator(".widget-label", has_text=label)).first

def set_seed(page, value: int):
    box = control(page, "seed").locator("input")
    box.fill(str(value)); box.press("Enter")

def set_slider(page, label: str, value: int):
    "Type `value` into the slider's readout (as a user would) and press Enter."
    readout = control(page, label).locator(".widget-readout")
    readout.click(); page.keyboard.press("Control+A"); page.keyboard.type(str(value)); page.keyboard.press("Enter")

def main(url: str, token: str, notebook: str, shots: Path, timeout: float) -> int:
    shots.mkdir(parents=True, exist_ok=True)
    check, errors = Checks(), []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 2200})
        page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
        page.on("console", lambda m: errors.append(f"console error: {m.text}") if m.type == "error" else None)
        page.set_default_timeout(timeout * 1000)
        try:
            page.goto(f"{url}/lab/tree/{notebook}?token={token}")
            page.wait_for_selector(".jp-Notebook .jp-CodeCell")
            if not kernel_ready(page, timeout): raise PWError(f"no kernel started within {timeout:.0f} s")
            for b in page.locator(".Toastify__toast button", has_text="No").all(): b.click()   # "notified about Jupyter news?"
            started = run_all_cells(page)
            page.wait_for_selector(FIGURE)
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']")     # every cell has run
            prompts = [t.strip() for t in page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()]
            cell_errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']").all_inner_texts()
            for line in page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stdout']").all_inner_texts():
                print(f"  the notebook printed: {line.strip()}")
            check("Run All Cells ran every cell without an error", started and all(p[1:-2].isdigit() for p in prompts) and not cell_errors,
                  f"prompts {prompts}" + (f"; error: {cell_errors[0][:500]}" if cell_errors else ""))
            first = settled_figure(page, "", quiet=1.0)
            widget = page.locator(WIDGET).first
            widget.screenshot(path=str(shots/"1_rendered.png"))
            labels = [t.strip() for t in widget.locator(".widget-label").all_inner_texts()]
            upload = widget.locator(".widget-upload").count()
            check("the widget shows its controls and a figure", all(l in labels for l in EXPECTED_LABELS) and upload == 1 and bool(first),
                  f"labels {labels}, upload buttons {upload}, figure {'drawn' if first else 'missing'}")

            set_seed(page, 7)
            seeded = settled_figure(page, first)
            widget.screenshot(path=str(shots/"2_seed_7.png"))
            set_seed(page, 0)
            back = settled_figure(page, seeded)
            check("a new seed redraws the figure, and seed 0 again draws the first one", seeded != first and back == first,
                  f"seed 7 {'changed' if seeded != first else 'did NOT change'} the figure; seed 0 again "
                  f"{'restored' if back == first else 'did NOT restore'} it")

            set_slider(page, "N", 12)
            more = settled_figure(page, back)
            widget.screenshot(path=str(shots/"3_N_12.png"))
            shown = control(page, "N").locator(".widget-readout").inner_text().strip()
            check("a new N redraws the figure", more != back and shown == "12", f"N reads {shown!r}, figure "
                  f"{'changed' if more != back else 'did NOT change'}")
        except PWError as e:
            check("the browser session", False, f"{type(e).__name__}: {str(e).splitlines()[0]}")
            page.screenshot(path=str(shots/"failure.png"))
        printed = page.locator(f"{WIDGET} .widget-output .jp-OutputArea-output:not([data-mime-type='image/png'])").all_inner_texts()
        check("no error in the widget or on the page", not printed and not errors, "; ".join(printed + errors)[:800])
        page.screenshot(path=str(shots/"page.png"))
        browser.close()
    print(f"screenshots: {shots}")
    print(f"{check.passed} passed, {check.failed} failed")
    return 1 if check.failed else 0

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", required=True); ap.add_argument("--token", required=True)
    ap.add_argument("--notebook", default="explorer.ipynb"); ap.add_argument("--shots", type=Path, default=Path("build/browser"))
    ap.add_argument("--timeout", type=float, default=90, help="seconds any one wait may take")
    a = ap.parse_args()
    sys.exit(main(a.url, a.token, a.notebook, a.shots, a.timeout))
