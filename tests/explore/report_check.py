#!/usr/bin/python3
"""Loads an HTML report in headless Chromium and checks that it renders with every image present:
each <img> complete, decoded, with a non-zero natural size. The report itself has no scripts; a
copy gets a checker that writes its result into the DOM, which Chromium dumps (--dump-dom).
With --expect-broken the check must fail (the checker's own test, on a corrupted copy).

usage: report_check.py REPORT.html [--expect-broken]
"""
import os
import re
import subprocess
import sys
import tempfile

CHECKER = """<script>
window.addEventListener("load", () => {
  const imgs = [...document.images];
  const bad = imgs.filter(i => !(i.complete && i.naturalWidth > 0 && i.naturalHeight > 0));
  document.body.setAttribute("data-check", "images=" + imgs.length + " broken=" + bad.length +
    " tables=" + document.querySelectorAll("table").length + " height=" + document.body.scrollHeight);
});
</script></body>"""


def main():
    path, expect_broken = sys.argv[1], "--expect-broken" in sys.argv[2:]
    with open(path, encoding="utf-8") as f:
        page = f.read()
    n_img = len(re.findall(r"<img\b", page))
    if re.search(r"<script\b", page):
        sys.exit(f"{path}: the report has a script; it must be plain HTML")
    if re.search(r'<img[^>]+src="(?!data:image/png;base64,)', page):
        sys.exit(f"{path}: an image is not embedded as a data URI")
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "report.html")
        with open(copy, "w", encoding="utf-8") as f:
            f.write(page.replace("</body>", CHECKER))
        cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp}/profile",
               "--virtual-time-budget=20000", "--dump-dom", "file://" + copy]
        dom = subprocess.run(cmd, capture_output=True, text=True, timeout=180).stdout
    m = re.search(r'data-check="images=(\d+) broken=(\d+) tables=(\d+) height=(\d+)"', dom)
    if not m:
        sys.exit(f"{path}: Chromium did not render the page (no check result in the DOM)")
    images, broken, tables, height = map(int, m.groups())
    if expect_broken:
        if broken == 0:
            sys.exit(f"{path}: the corrupted copy was reported intact")
        print(f"ok: {path}: a corrupted image is detected ({broken} of {images} broken)")
        return
    if images != n_img or images == 0 or broken != 0 or tables == 0:
        sys.exit(f"{path}: {images} images rendered of {n_img} in the file, {broken} broken, {tables} tables")
    print(f"ok: {path}: {images} images decoded, {tables} tables, page height {height} px")


if __name__ == "__main__":
    main()
