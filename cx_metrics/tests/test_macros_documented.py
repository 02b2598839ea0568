"""Every macro of macros/ is documented in macros/_macros.yml, with a
description and its arguments in the order the definition gives them.
(dbt checks the argument types and names of the arguments listed, flag
validate_macro_args; it says nothing of a macro left out of the file.)"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import yaml

from cx_metrics.contract import PROJECT_ROOT

MACROS_DIR = PROJECT_ROOT / "macros"
MACROS_YML = MACROS_DIR / "_macros.yml"

# `{% macro name(args) %}` and `{% test name(args) %}` (dbt names a generic
# test's macro test_<name>).
DEFINITION = re.compile(r"\{%-?\s*(macro|test)\s+(\w+)\s*\(([^)]*)\)")


def defined_macros(folder: Path) -> dict[str, list[str]]:
    """Macro name -> argument names, for every macro defined under `folder`."""
    macros = {}
    for path in sorted(folder.rglob("*.sql")):
        for kind, name, args in DEFINITION.findall(path.read_text(encoding="utf-8")):
            full_name = f"test_{name}" if kind == "test" else name
            macros[full_name] = [a.arg for a in ast.parse(f"def f({args}): pass").body[0].args.args]
    return macros


def documented_macros(path: Path) -> dict[str, dict]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")).get("macros", [])
    return {entry["name"]: entry for entry in entries}


def problems(folder: Path, yml: Path) -> list[str]:
    defined, documented = defined_macros(folder), documented_macros(yml)
    found = [f"{name}: not in {yml.name}" for name in defined if name not in documented]
    found += [f"{name}: documented but defined nowhere" for name in documented if name not in defined]
    for name, entry in documented.items():
        if name not in defined:
            continue
        if not (entry.get("description") or "").strip():
            found.append(f"{name}: no description")
        args = entry.get("arguments") or []
        if [a.get("name") for a in args] != defined[name]:
            found.append(f"{name}: arguments {[a.get('name') for a in args]}, defined {defined[name]}")
        found += [f"{name}: argument {a.get('name')} has no {key}" for a in args for key in ("type", "description")
                  if not str(a.get(key) or "").strip()]
    return sorted(found)


def test_every_macro_is_documented_with_its_arguments():
    assert problems(MACROS_DIR, MACROS_YML) == []


def test_the_check_sees_a_new_undocumented_macro_and_a_changed_signature(tmp_path):
    folder = tmp_path / "macros"
    shutil.copytree(MACROS_DIR, folder)
    (folder / "cleaning" / "cx_new_rule.sql").write_text(
        "{% macro cx_new_rule(expr, limit=3) -%}\n    {{ expr }}\n{%- endmacro %}\n", encoding="utf-8")
    (folder / "tests" / "test_cx_new_test.sql").write_text(
        "{% test cx_new_test(model) %}\nselect 1\n{% endtest %}\n", encoding="utf-8")
    clean = folder / "cleaning" / "cx_clean_text.sql"
    clean.write_text(clean.read_text(encoding="utf-8").replace("cx_clean_text(expr)", "cx_clean_text(expr, quote)"),
                     encoding="utf-8")
    assert problems(folder, folder / "_macros.yml") == [
        "cx_clean_text: arguments ['expr'], defined ['expr', 'quote']",
        "cx_new_rule: not in _macros.yml",
        "test_cx_new_test: not in _macros.yml",
    ]
