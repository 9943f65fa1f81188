from kbcheck.cli import main

main()
