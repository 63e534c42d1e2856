"""Demo data of Guichet: a believable network of desks, providers and programmes.

The data live in plain Python structures (``catalog.demo.data``) written in
French, Arabic and English; ``catalog.services.demo_load`` loads them and
``catalog.services.synthetic_catalogue_generate`` builds a large synthetic
catalogue from them for benchmarks.
"""
