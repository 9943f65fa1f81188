from kbcheck.cli import run

run()
