"""The synthetic, labelled resume corpus: people, their resumes in many layouts, and the truth.

Everything is generated in memory from a seed (``generate.generate``); nothing is downloaded
and no binaries are committed. ``python eval/run.py --write DIR`` dumps a corpus to look at.
"""
