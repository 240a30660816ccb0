"""Parser evaluation: a labelled synthetic corpus, hand-labelled resumes, scoring and reports.

Run ``make eval`` (``python eval/run.py``); the matching rules are in :mod:`eval.score` and
docs/parsing-evaluation.md.
"""
