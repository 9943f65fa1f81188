"""PyYAML, for every module that reads YAML.

The ``yaml`` package imports its pure-Python reader, scanner and parser with
it, although only its C loader (libyaml) is used here, and the reader compiles
a character class over all of Unicode as it is imported: a tenth of a
pre-commit run on one page. The patterns PyYAML compiles as it is imported are
compiled on first use instead, so that one never is.
"""

from kbcheck.lazyre import compiled_on_first_use

with compiled_on_first_use():
    import yaml

__all__ = ["yaml"]
