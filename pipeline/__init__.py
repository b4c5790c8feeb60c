"""faq: the content pipeline and linter for FAQ corpora."""

__version__ = "0.1.0"
