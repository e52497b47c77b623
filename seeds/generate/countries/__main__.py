from seeds.generate.countries.cli import main

main()
