"""Qt item models over the local store (the only models package that imports Qt).

Every model here holds ids and plain tuples and computes ``data()`` lazily from
dicts, so a province-scale database (10,000 tasks, 300 units) stays fast.
"""
