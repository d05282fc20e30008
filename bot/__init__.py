"""The forum bot: answers questions about regional forums from Kazakh news articles."""

__version__ = "0.1.0"
