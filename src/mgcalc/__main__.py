from mgcalc.cli import main

main()
