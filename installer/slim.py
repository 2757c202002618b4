"""After PyInstaller: make the Linux bundle smaller without changing what the kiosk loads.

* `strip_debug_info`: the interpreter (`libpython3.11.so`, 23 MB) and its extension modules
  come from Debian with their debug information inside; `strip --strip-debug` takes it out
  (30 MB). Only files that carry a `.debug_info` section are touched: stripping the wheels'
  already-stripped FFmpeg libraries rewrites their program headers and breaks them
  ("ELF load command address/offset not page-aligned").
* `slim_icu`: Qt's libicudata (32 MB) holds the ICU data of every locale there is. The kiosk
  speaks Simplified Chinese and English; the data is repackaged with `icupkg` (icu-devtools)
  keeping the root, zh* and en* locales, the break-iteration rules and dictionaries, the
  normalisation, property and time-zone tables, and dropping the other ~700 locales, the
  legacy charset converters and transliteration (8 MB left). The new blob is linked back into
  a `libicudata.so.73` with the same exported `icudt73_dat` symbol.

Both need binutils, gcc and icu-devtools (scripts/setup.sh installs them); without them the step
says so and leaves the bundle as it is. Linux only.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

KEPT_LOCALES = re.compile(
    r"^(root|pool|res_index|en|en_US|en_001|en_GB|zh|zh_CN|zh_Hans|zh_Hans_CN|zh_Hans_SG|zh_Hant|"
    r"zh_Hant_TW|zh_TW)\.res$")
LOCALE_BUNDLE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")
LOCALE_TREES = ("", "coll", "lang", "region", "zone", "curr", "unit", "rbnf", "brkitr")


def _missing(*tools: str) -> list[str]:
    return [tool for tool in tools if shutil.which(tool) is None]


def _has_debug_info(path: Path) -> bool:
    with path.open("rb") as handle:
        if handle.read(4) != b"\x7fELF":
            return False
    sections = subprocess.run(["readelf", "-S", "-W", str(path)], capture_output=True,
                              text=True, check=False).stdout
    return ".debug_info" in sections


def strip_debug_info(bundle: Path) -> int:
    """Strip debug sections from every ELF file that has them; returns the bytes saved."""
    missing = _missing("strip", "readelf")
    if missing:
        print(f"slim: {', '.join(missing)} not found (binutils): debug info left in")
        return 0
    saved = 0
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file() or not _has_debug_info(path):
            continue
        before = path.stat().st_size
        subprocess.run(["strip", "--strip-debug", str(path)], check=True)
        saved += before - path.stat().st_size
    return saved


def icu_items_to_drop(items: list[str]) -> list[str]:
    """Of an ICU data package's item list (`tree/name`), what a zh/en kiosk never loads."""
    return [item for item in items if _never_loaded(*item.rpartition("/")[::2])]


def _never_loaded(tree: str, name: str) -> bool:
    if name.endswith(".cnv") or tree == "translit":  # legacy charsets, transliteration
        return True
    return tree in LOCALE_TREES and bool(LOCALE_BUNDLE.match(name)) \
        and not KEPT_LOCALES.match(name)


def slim_icu(bundle: Path) -> int:
    """Replace the bundle's libicudata with one holding only the kept data; bytes saved."""
    libraries = [p for p in bundle.rglob("libicudata.so.*")
                 if p.is_file() and not p.is_symlink()]
    missing = _missing("icupkg", "gcc", "objcopy", "nm")
    if not libraries or missing:
        print(f"slim: ICU data left whole ({', '.join(missing) or 'no libicudata'})")
        return 0
    saved = 0
    for library in libraries:
        saved += _slim_one(library)
    return saved


def _slim_one(library: Path) -> int:
    symbol = _data_symbol(library)
    if symbol is None:
        print(f"slim: {library.name} exports no icudt*_dat symbol: left as it is")
        return 0
    name, address, size = symbol
    package = name.removesuffix("_dat") + "l"  # icudt73_dat -> icudt73l (little-endian)
    with tempfile.TemporaryDirectory(prefix="kiosk-icu-") as scratch:
        work = Path(scratch)
        rodata = work / "rodata.bin"
        subprocess.run(["objcopy", "-O", "binary", "--only-section=.rodata", str(library),
                        str(rodata)], check=True)
        start = address - _section_address(library, ".rodata")
        full = work / "in" / f"{package}.dat"
        full.parent.mkdir()
        full.write_bytes(rodata.read_bytes()[start:start + size])
        items = subprocess.run(["icupkg", "-l", str(full)], capture_output=True, text=True,
                               check=True).stdout.split()
        drop = work / "drop.txt"
        drop.write_text("\n".join(icu_items_to_drop(items)) + "\n", encoding="ascii")
        slim = work / "out" / f"{package}.dat"
        slim.parent.mkdir()
        subprocess.run(["icupkg", "-r", str(drop), str(full), str(slim)], check=True,
                       stdout=subprocess.DEVNULL)
        source = work / "icudata.S"
        source.write_text(
            f"    .section .rodata\n    .globl {name}\n    .type {name}, @object\n"
            f"    .balign 16\n{name}:\n    .incbin \"{slim}\"\n"
            f"    .size {name}, . - {name}\n"
            '    .section .note.GNU-stack,"",@progbits\n', encoding="ascii")
        built = work / library.name
        subprocess.run(["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}",
                        "-o", str(built), str(source)], check=True)
        before = library.stat().st_size
        shutil.copyfile(built, library)
        return before - library.stat().st_size


def _data_symbol(library: Path) -> tuple[str, int, int] | None:
    out = subprocess.run(["nm", "-D", "--defined-only", "-S", str(library)],
                         capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        fields = line.split()
        if len(fields) == 4 and re.fullmatch(r"icudt\d+_dat", fields[3]):
            return fields[3], int(fields[0], 16), int(fields[1], 16)
    return None


def _section_address(library: Path, section: str) -> int:
    out = subprocess.run(["readelf", "-S", "-W", str(library)], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        match = re.search(rf"\]\s+{re.escape(section)}\s+\S+\s+([0-9a-f]+)", line)
        if match:
            return int(match.group(1), 16)
    raise RuntimeError(f"{library} has no {section} section")


def remove_dangling_links(bundle: Path) -> int:
    """PyInstaller links `_internal/libX.so` to `PySide6/Qt/lib/libX.so` also for the libraries
    the spec pruned: those links point nowhere."""
    dangling = [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    for link in dangling:
        link.unlink()
    return len(dangling)


def slim_bundle(bundle: Path) -> None:
    stripped = strip_debug_info(bundle)
    icu = slim_icu(bundle)
    links = remove_dangling_links(bundle)
    print(f"slim: debug info -{stripped / 1e6:.0f} MB, ICU data -{icu / 1e6:.0f} MB, "
          f"{links} dangling links removed")
