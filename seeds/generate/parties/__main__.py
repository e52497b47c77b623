from seeds.generate.parties.cli import main

raise SystemExit(main())
