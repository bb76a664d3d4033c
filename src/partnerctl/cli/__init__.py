"""Typer commands: parse options, call core, hand the result to render."""
