from mgcalc.launcher import main

main()
