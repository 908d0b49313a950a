"""Reading an app's demo data: YAML files in ``<app>/demo/``, loaded by that package's ``load(stdout)``.

The data says what the demo contains; the loaders create it through the same models and
services the admin uses, so editing a guideline or a drill scenario means editing text.
"""

import datetime as dt
import re
from pathlib import Path

import yaml

DURATION = re.compile(r"^(\d+(?:\.\d+)?)([mhd])$")
UNITS = {"m": "minutes", "h": "hours", "d": "days"}


def data_dir(package_file):
    """The folder of a demo package (pass its ``__file__``)."""
    return Path(package_file).resolve().parent


def read(package_file, name):
    """The parsed contents of ``<name>.yaml`` beside a demo package's ``__init__``."""
    path = data_dir(package_file) / f"{name}.yaml"
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def read_all(package_file, folder):
    """Every ``*.yaml`` in a sub-folder, in file-name order (one scenario or guideline per file)."""
    paths = sorted((data_dir(package_file) / folder).glob("*.yaml"))
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in paths]


def duration(text):
    """``"5m"``, ``"3h"`` or ``"10d"`` as a timedelta."""
    match = DURATION.match(str(text))
    if match is None:
        raise ValueError(f"not a duration (use e.g. 5m, 3h, 10d): {text!r}")
    return dt.timedelta(**{UNITS[match[2]]: float(match[1])})


def stream(blocks):
    """A StreamField value from data: ``[{type, value}, …]`` as ``[(type, value), …]``."""
    return [(block["type"], block["value"]) for block in blocks or []]
