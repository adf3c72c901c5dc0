"""Following podcasts: feeds, OPML, downloads and their own tables in the library.

Qt-free like the rest of ``reader``. The network is reached only through
:mod:`reader.feeds.http`, which fetches ``http``/``https`` only, with
timeouts, a redirect limit and a size cap; every failure becomes a
:class:`~reader.feeds.errors.FeedError` carrying one sentence for the user.
"""
