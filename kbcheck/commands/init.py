"""``kbcheck init``: write a commented kbcheck.toml and a starting page type."""

from __future__ import annotations

from pathlib import Path

import click

from kbcheck.commands.common import Fatal, load
from kbcheck.validation import updated

_HEADER = """\
# kbcheck configuration, written by `kbcheck init`.
# Values set here were found in the knowledge base; the commented ones are the
# defaults. `kbcheck config` shows what is in effect and where each value comes from.
"""


@click.command()
@click.option("--force", is_flag=True, help="Overwrite an existing kbcheck.toml or page type.")
@click.option("--page-type", "name", default="page", show_default=True,
              help="Name of the starting page type (schemas/<name>.yaml).")  # fmt: skip
def init(force: bool, name: str) -> None:
    """Write kbcheck.toml (what was detected, defaults commented) and a page type
    derived from the pages' current frontmatter and headings."""
    from kbcheck.corpus import load_corpus
    from kbcheck.effective import to_toml
    from kbcheck.files import write_atomic
    from kbcheck.starter import starter_page_type

    config = load(None)
    here = config.root
    if config.file is not None and not force:
        raise Fatal(f"{config.file} already configures this knowledge base")
    target = here / "kbcheck.toml"
    schema = (config.root / config.schemas / f"{name}.yaml").resolve()
    for path in (target, schema):
        if path.exists() and not force:
            raise Fatal(f"{path} exists; --force overwrites it")
    corpus = load_corpus(config, Path.cwd())
    if not corpus.pages:
        raise Fatal(f"no pages found in {here}; nothing to learn from")
    config = updated(config, default_page_type=name)
    config._origins = {**config._origins, "default_page_type": "written by kbcheck init"}
    notes = "".join(f"# note: {note}\n" for note in config.notes)
    text = _HEADER + notes + "\n" + to_toml(config, defaults_commented=True)
    write_atomic(target, text.encode("utf-8"), replaces=None)
    schema.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(schema, starter_page_type(corpus, config).encode("utf-8"), replaces=None)
    click.echo(f"wrote {target}")
    click.echo(f"wrote {schema} (page type {name!r}, from {len(corpus.pages)} pages)")
