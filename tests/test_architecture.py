"""The allowed dependency graph between the apps (README, "Architecture") holds: the import-linter
contracts in pyproject.toml, run as `make lint` and CI run them, so the README's test command checks
them too."""

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_are_kept(capsys):
    exit_code = lint_imports(
        config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True
    )
    report = capsys.readouterr().out
    assert exit_code == 0, report
    assert " broken." in report and "0 broken" in report
