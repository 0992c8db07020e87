"""Social Credit Tracker: validates the curated YAML in data/ and turns it into MkDocs pages.

Data flows one way: load -> check -> model -> render -> Markdown. Nothing downstream reads YAML.
"""
