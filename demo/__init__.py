"""Demo data of Guichet: a believable network of desks, providers and programmes, and demo accounts.

The data live in plain Python structures (``demo.data``) written in French,
Arabic and English; ``demo.network.demo_load`` loads them,
``demo.synthetic_catalogue.synthetic_catalogue_generate`` builds a large
synthetic catalogue from them for benchmarks, and ``demo.accounts`` gives a
demo machine its staff accounts. Nothing here runs in production.
"""
