"""kbcheck: content-quality checks for multilingual Markdown knowledge bases.

The public API is small: load a configuration, check, read diagnostics.

    from kbcheck import load_config, check
    result = check(load_config())
    for d in result.diagnostics:
        print(d.path, d.line, d.code, d.message)
"""

__version__ = "0.1.0"

_EXPORTS = {
    "Config": "kbcheck.config",
    "ConfigError": "kbcheck.config",
    "load_config": "kbcheck.config",
    "Diagnostic": "kbcheck.diagnostics",
    "Finding": "kbcheck.diagnostics",
    "Severity": "kbcheck.diagnostics",
    "Result": "kbcheck.linter",
    "check": "kbcheck.linter",
}


def __getattr__(name: str) -> object:
    """The public API, imported on first use so that ``kbcheck --version`` stays instant."""
    if name in _EXPORTS:
        from importlib import import_module

        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'kbcheck' has no attribute {name!r}")


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
