"""Highlights and bookmarks taken out of the app.

- :mod:`reader.export.model`: what the store keeps, as one export model per
  episode, and the JSON shape with its schema.
- :mod:`reader.export.formats`: Obsidian Markdown, Readwise CSV and the
  clipboard quote, each a pure function of that model.
- :mod:`reader.export.files`: pick episodes, render a format, write it whole.
"""
