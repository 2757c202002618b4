"""`kiosk forms`: check a form definition, print a filled-in example, list the demo forms.

`kiosk forms example FORM_ID --json` prints the answers document (docs/forms.md) that
`kiosk applications submit --answers FILE.json` reads: clerks start bulk entry of paper forms
from it. Definitions are found under `resources/forms/<form_id>.json`.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context
from kiosk.errors import KioskError
from kiosk.paths import resource

_FORM_ID = re.compile(r"^[a-z][a-z0-9-]{1,63}$")


class FormDefinitionInvalid(KioskError):
    """A definition file that the form engine refuses."""

    exit_code = 1


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "forms", help="form definitions: check, example, list",
        description="Form definitions (表单定义): check a file, print a valid example answers "
        "document, list the forms shipped with the kiosk.")
    commands = parser.add_subparsers(dest="forms_command", metavar="ACTION", required=True)

    check = commands.add_parser("check", help="validate a form definition file",
                                description="Validate a form definition; every problem is "
                                "listed; the exit code is non-zero when there is one.")
    check.add_argument("file", metavar="FILE", help="the definition (UTF-8 JSON)")
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    check.set_defaults(handler=run_check)

    example = commands.add_parser("example", help="print a filled-in, valid answers document",
                                  description="Print a filled-in answers document for FORM_ID "
                                  "(the format `kiosk applications submit --answers` reads).")
    example.add_argument("form_id", metavar="FORM_ID")
    example.add_argument("--json", action="store_true", help="print the answers document as JSON")
    example.add_argument("--files", metavar="DIR",
                         help="write small sample scans into DIR and DIR/answers.json, which "
                         "names them as {\"file\": ...}: `kiosk applications submit --form "
                         "FORM_ID --answers DIR/answers.json` accepts it as is")
    example.set_defaults(handler=run_example)

    listing = commands.add_parser("list", help="list the form definitions shipped here")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    listing.set_defaults(handler=run_list)


def run_check(ctx: Context, args: argparse.Namespace) -> int:
    from forms import DefinitionError, load_definition

    try:
        definition = load_definition(Path(args.file))
    except DefinitionError as error:
        if args.json:
            emit_json({"ok": False, "file": args.file, "problems": error.problems})
            return 1
        raise FormDefinitionInvalid(
            f"表单定义有 {len(error.problems)} 处问题 / the form definition has "
            f"{len(error.problems)} problem(s): {args.file}\n  " + "\n  ".join(error.problems)
        ) from None
    fields = sum(1 for _ in definition.all_fields())
    if args.json:
        emit_json({"ok": True, "file": args.file, "form_id": definition.form_id,
                   "version": definition.version, "sha256": definition.sha256,
                   "pages": len(definition.pages), "fields": fields})
    else:
        print(f"✓ {definition.form_id} v{definition.version} ({definition.title.zh}): "
              f"{len(definition.pages)} 页 / pages, {fields} 项 / fields")
        print(f"  sha256 {definition.sha256}")
    return 0


def run_example(ctx: Context, args: argparse.Namespace) -> int:
    from forms import WizardSession, example_document

    definition = _load_shipped(args.form_id)
    document = example_document(definition)
    if args.files:
        document = _write_files(definition, document, Path(args.files))
    if args.json:
        emit_json(document)
        return 0
    session = WizardSession(definition, answers=document["answers"])
    print(f"{definition.title.zh} / {definition.title.en} (v{definition.version})")
    for item in session.review_items():
        print(f"  {item.label.zh}: {item.value_zh}")
    if args.files:
        print(f"答案文件和样例扫描件已写入 / answers and sample scans written to {args.files}: "
              f"kiosk applications submit --form {definition.form_id} --answers "
              f"{Path(args.files) / 'answers.json'}")
    print("用 --json 输出答案文件 / use --json for the answers document")
    return 0


def _write_files(definition: Any, document: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The example with sample scans in `folder`, saved there as answers.json too."""
    import json

    from kiosk.services.sample_scans import with_sample_files

    try:
        document = with_sample_files(definition, document, folder)
        (folder / "answers.json").write_text(
            json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise KioskError(f"无法写入样例文件 / cannot write the sample files to {folder}: "
                         f"{error.strerror}") from None
    return document


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    from forms import DefinitionError, load_definition

    rows: list[dict[str, Any]] = []
    for path in sorted(resource("forms").glob("*.json")):
        try:
            definition = load_definition(path)
        except DefinitionError as error:
            rows.append({"file": path.name, "ok": False, "problems": error.problems})
            continue
        rows.append({"file": path.name, "ok": True, "form_id": definition.form_id,
                     "version": definition.version, "title": definition.title.to_json(),
                     "sha256": definition.sha256})
    if args.json:
        emit_json(rows)
    else:
        for row in rows:
            if row["ok"]:
                print(f"{row['form_id']:<28} v{row['version']:<3} {row['title']['zh']}")
            else:
                print(f"{row['file']:<28} ✗ {len(row['problems'])} problem(s)")
    return 0 if all(row["ok"] for row in rows) else 1


def _load_shipped(form_id: str) -> Any:
    from forms import DefinitionError, load_definition

    path = resource("forms", f"{form_id}.json")
    if not _FORM_ID.match(form_id) or not path.is_file():
        raise KioskError(f"没有表单“{form_id}” / no form called {form_id!r} "
                         f"(see `kiosk forms list`)")
    try:
        return load_definition(path)
    except DefinitionError as error:
        raise FormDefinitionInvalid(
            f"表单定义有问题 / the form definition is invalid: {path}\n  "
            + "\n  ".join(error.problems)) from None
