"""``python -m flareup``: the same command line as ``flareup``."""

from flareup.cli import main

if __name__ == "__main__":
    main()
