"""Allow ``python -m trustscore``."""

from trustscore.entry import main

if __name__ == "__main__":
    main()
