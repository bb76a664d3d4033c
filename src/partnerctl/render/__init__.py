"""Renderers: result objects in, text out (table, plain, json, csv, md, html, ics)."""
