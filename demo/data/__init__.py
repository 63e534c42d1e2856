"""The demo's content as plain Python structures, in French, Arabic and English."""
