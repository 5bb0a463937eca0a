"""Everything the code reads at run time ships in the wheel (`pip install --no-deps .`, the
README's production install): every file under src/samspill that is not Python is matched by a
`[tool.setuptools.package-data]` pattern of its package. A data file outside them works in the
editable development install and fails on a real hub (the official municipalities once did)."""

import tomllib
from pathlib import Path

import samspill

PACKAGE = Path(samspill.__file__).resolve().parent
PYPROJECT = PACKAGE.parent.parent / "pyproject.toml"


def _owning_package(path: Path) -> Path:
    folder = path.parent
    while not (folder / "__init__.py").exists():
        folder = folder.parent
    return folder


def test_every_data_file_is_in_the_wheel():
    patterns = tomllib.loads(PYPROJECT.read_text())["tool"]["setuptools"]["package-data"]["*"]
    shipped = set()
    packages = {path.parent for path in PACKAGE.rglob("__init__.py")}
    for package in packages:
        for pattern in patterns:
            shipped |= {path for path in package.glob(pattern) if path.is_file()}
    missing = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and path.suffix not in {".py", ".pyc"}
        and "__pycache__" not in path.parts
        and path not in shipped
        and _owning_package(path) in packages
    ]
    assert not missing, f"not in the wheel (pyproject package-data): {sorted(missing)[:20]}"
