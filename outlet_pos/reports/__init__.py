"""The manager's report files: the daily PDF, the CSV export and the accountant's workbook.

The figures and rows come from ``domain`` (``day_figures``: totals from ``ShipmentSummary``
rows, no personal data; ``report_rows``: what one file line holds); ``pdf_report`` lays a
day out on A4 with tables and charts (in ``printing.fonts``: reports use printing, never
the reverse), ``csv_export`` writes one row per shipment, masking personal data unless
asked not to, ``xlsx_export`` the period's workbook, and ``private_file`` is the one
checked writer of output files. ``writers.ReportWriters`` is what the reports service is
given (its ``ReportFiles`` port). No Qt, no SQL, no network; the service fetches the rows
and decides who may export.
"""
