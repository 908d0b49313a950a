"""Checks every PDF test shares: extract a PDF's lines with pdftotext and hold them to the
Chinese line-breaking rules of core.pdf."""

import re
import shutil
import subprocess

import pytest

needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed"
)

NO_LINE_START = "。，、；：？！）》」』”,;:?!)"
NO_LINE_END = "（《「『“("
# A number split from its unit or the rest of its range: "5" | "万元", "50%—" | "100%".
SPLIT_NUMBER = [
    (re.compile(r"[0-9]$"), re.compile(r"^\s*(万元|万|亿|元|%|％|小时|倍)")),
    (re.compile(r"[0-9][%％]?\s*[—–~～-]$"), re.compile(r"^[0-9]")),
    (re.compile(r"[0-9][%％]?$"), re.compile(r"^[—–~～]")),
]


def pdf_pages(data, tmp_path, name="document.pdf"):
    """The PDF's pages, each a list of its text lines (pdftotext's reading order)."""
    path = tmp_path / name
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    return [[line for line in page.splitlines() if line.strip()] for page in text.split("\f")]


def line_breaking_faults(pages):
    """Every pair of lines that breaks a rule, as readable strings (empty when all is well)."""
    faults = []
    for page in pages:
        for previous, line in zip([""] + page, page, strict=False):
            stripped = line.strip()
            if stripped[0] in NO_LINE_START:
                faults.append(f"starts with {stripped[0]!r}: {previous!r} / {line!r}")
            if stripped[-1] in NO_LINE_END:
                faults.append(f"ends with {stripped[-1]!r}: {line!r}")
            for end, start in SPLIT_NUMBER:
                if previous and end.search(previous.strip()) and start.search(stripped):
                    faults.append(f"number split: {previous!r} / {line!r}")
    return faults


def footer_boxes(data, tmp_path, marker, name="document.pdf"):
    """(page height, yMin, yMax) in points of each word of the footer (found by ``marker``)."""
    path = tmp_path / name
    path.write_bytes(data)
    html = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    boxes = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        height = float(page.group(2))
        for word in re.finditer(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page.group(3)
        ):
            if marker in word.group(3):
                boxes.append((height, float(word.group(1)), float(word.group(2))))
    return boxes
