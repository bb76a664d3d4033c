"""`python -m partnerctl`."""

from partnerctl.cli.main import main

if __name__ == "__main__":
    main()
