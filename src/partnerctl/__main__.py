"""`python -m partnerctl`."""

from partnerctl.cli.entry import main

if __name__ == "__main__":
    main()
