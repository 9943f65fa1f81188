"""Command groups of the command line, one module each; ``kbcheck.cli`` registers them."""
