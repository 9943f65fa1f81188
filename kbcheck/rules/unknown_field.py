import difflib
from collections.abc import Iterable

from kbcheck.diagnostics import Finding, Severity
from kbcheck.rules.base import PageRule


class UnknownField(PageRule):
    """The frontmatter has a key its page type does not declare.

    Only reported where the page type (or a mapping field) sets
    `unknown_fields: warn` or `unknown_fields: error`; `allow` (the
    default, and Docusaurus's behaviour) lets any key pass.

    ## Why
    A misspelled key (`sidebar_postion`) is silently ignored by the site
    generator: the page just lands at the wrong place.

    ## Bad
    ```
    sidebar_postion: 3
    ```

    ## Good
    ```
    sidebar_position: 3
    ```
    """

    code = "KB107"
    name = "unknown-field"
    reads_body = False
    severity = Severity.WARNING

    def check(self, page, ctx) -> Iterable[Finding]:
        page_type = ctx.page_type(page)
        if page_type is None:
            return
        scopes = [((), page.data, page_type.fields, page_type.unknown_fields)]
        for value in ctx.field_values(page):
            spec = value.spec
            if spec.fields is not None and value.kind == "mapping":
                scopes.append((value.path, value.value, spec.fields, spec.unknown_fields))
        for path, data, fields, policy in scopes:
            if policy == "allow":
                continue
            for key in data:
                if key not in fields:
                    pos = page.frontmatter.position((*path, key))
                    hint = _closest(str(key), fields)
                    yield Finding(
                        pos.line,
                        pos.column,
                        f"unknown field {'.'.join(map(str, (*path, key)))!r}{hint}",
                        severity=Severity.ERROR if policy == "error" else Severity.WARNING,
                    )


def _closest(key: str, fields) -> str:
    match = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.75)
    return f"; did you mean {match[0]!r}?" if match else ""
