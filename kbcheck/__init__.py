"""kbcheck: content-quality checks for multilingual Markdown knowledge bases.

The public API is small: load a configuration, check, read diagnostics.

    from kbcheck import load_config, check
    result = check(load_config())
    for d in result.diagnostics:
        print(d.path, d.line, d.code, d.message)
"""

__version__ = "0.1.0"

from kbcheck.config import Config, ConfigError, load_config
from kbcheck.diagnostics import Diagnostic, Finding, Severity
from kbcheck.linter import Result, check

__all__ = [
    "Config",
    "ConfigError",
    "Diagnostic",
    "Finding",
    "Result",
    "Severity",
    "__version__",
    "check",
    "load_config",
]
