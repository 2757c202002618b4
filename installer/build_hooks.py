"""setuptools build hook: the wheel carries every resource and the compiled translations.

`resources/` sits beside the packages in the checkout (forms, styles, the demo catalog, the
`.ts` translation sources); an installed kiosk finds it as `kiosk/resources` inside the package
(kiosk.paths). This `build_py` copies the folder there and compiles each `.ts` into its `.qm`
with the lrelease that ships in PySide6 (a build requirement), so `pip install` of the wheel
gives a kiosk in Simplified Chinese. Compiled `.qm` files in the checkout are never copied:
the wheel's are always built from the sources it ships. Editable installs read the checkout's
own folder and skip all this.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from setuptools.command.build_py import build_py


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        source = Path.cwd() / "resources"
        if not source.is_dir():
            raise SystemExit(f"build: no resources folder at {source}")
        target = Path(self.build_lib) / "kiosk" / "resources"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.qm", "__pycache__"))
        sources = sorted((target / "translations").glob("*.ts"))
        if not sources:
            raise SystemExit(f"build: no .ts translations in {source / 'translations'}")
        sys.path.insert(0, str(Path.cwd()))
        from kiosk.i18n_build import compile_translation

        for ts in sources:
            compile_translation(ts, ts.with_suffix(".qm"))
            print(f"build: compiled {ts.with_suffix('.qm').name}", file=sys.stderr)

