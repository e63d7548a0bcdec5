"""Documents generated on request from the stored data: the ones people sign (PDF) and the
recaps HR files (XLSX).

- ``layout``: paper (A4/F4, settings.KINERJA_DOCUMENT_PAPER), styles, tables that repeat their
  header across pages, the DRAFT watermark, place-and-date lines and signature blocks.
- ``skp``: the SKP of a plan, following the PermenPANRB 6/2022 form.
- ``evaluation``: a periodic or annual evaluation.
- ``predicates``: a unit's predicate determination for a period (the leader signs it).
- ``recap``: the XLSX recap of a unit and its sub-units for a year or a period.
- ``names``: the file names the downloads carry.

Each builder takes objects the caller has already checked the viewer may see (views.py) and
returns bytes; none of them decides access.
"""
