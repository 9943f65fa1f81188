from collections.abc import Iterable

from kbcheck.diagnostics import Finding
from kbcheck.rules.base import ParityRule


class MissingHeadingId(ParityRule):
    """An explicit heading id of the source is missing from its translation.

    Every `{#id}` of the source page must exist in the translation, on a
    heading or as an HTML anchor. The finding sits on the translated heading
    of that section (see KB507 for how headings are matched) and points at
    the source heading. A section missing altogether is KB507's finding.

    ## Why
    Links to `page#id` are written once, in every locale; a translated
    heading that lost its `{#id}` gets a slug from its translated text, and
    every link to the old anchor breaks in that locale only.

    ## Bad
    ```
    # source                          # translation
    ## 安装步骤 {#install}              ## Installation
    ```

    ## Good
    ```
    ## 安装步骤 {#install}              ## Installation {#install}
    ```
    """

    code = "KB508"
    name = "missing-heading-id"

    def compare(self, page, pair, ctx) -> Iterable[Finding]:
        have = {h.explicit_id for h in page.headings if h.explicit_id}
        have |= {m.name for m in page.html_anchors}
        for i, s in enumerate(pair.reference.headings):
            if not s.explicit_id or s.explicit_id in have:
                continue
            t = pair.heading_for(i)
            if t is None:
                continue  # the whole section is missing: KB507 says so
            message = f"heading id #{s.explicit_id} of the source is missing"
            yield pair.at(t.line, t.column, f"{message} ({t.anchor!r} instead)", s.line, s.column)
