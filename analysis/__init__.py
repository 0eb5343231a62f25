"""Read a news article as data.

The package turns one article (plain text plus metadata) into pandas frames of sentences,
attributions, actors, figures, meetings, events and relations. Every row of every frame carries
its provenance: the sentence id, the character span in the article text, and the verbatim quote.
"""

from analysis.article import Article, load_article
from analysis.errors import ArticleError

__all__ = ["Article", "ArticleError", "load_article"]
