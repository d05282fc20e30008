"""`python -m bot` and the `forum-bot` script."""

from bot.cli import main

if __name__ == "__main__":
    main()
