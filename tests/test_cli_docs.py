"""Every command has Chinese help with an example, and README shows how to use it."""
from __future__ import annotations

from dangjian import cli

from conftest import ROOT


def test_every_command_is_documented_with_an_example():
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert set(commands) == {"new", "check", "report", "dues-notice", "dues-report", "stats", "development", "todo", "plan", "summary", "install-addin",
                             "uninstall-addin", "doctor"}
    for name, command in commands.items():
        assert command.description, name
        assert f"示例：python -m dangjian {name}" in command.epilog, name
        assert f"python -m dangjian {name}" in readme, name
        for action in command._actions:
            assert action.help, (name, action.dest)
