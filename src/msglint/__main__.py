from msglint.cli import main

main()
