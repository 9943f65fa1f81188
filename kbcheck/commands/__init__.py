"""The commands of the command line, one module each; ``kbcheck.cli`` assembles them."""
