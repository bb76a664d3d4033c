"""The yardstick: a bare one-command Typer app with Typer's defaults.

`python benchmarks/bare_typer_app.py` runs its command (Typer imports pydantic
as it converts parameters, as in any Typer app); `--help` prints its help
(Typer's default Rich help). benchmarks/run.py times both.
"""

import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Print one line."""
    print(f"hello {name}")


if __name__ == "__main__":
    app()
