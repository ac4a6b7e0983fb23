"""The outlet manager's daily report: the day's figures, as a PDF and as a CSV export.

``figures`` computes the totals from the day list (``ShipmentSummary`` rows: figures
only, no personal data); ``pdf_report`` lays them out on A4 with tables and charts;
``csv_export`` writes one row per shipment, masking personal data unless asked not to.
Pure: no Qt, no SQL, no network. Callers fetch the rows and decide who may export.
"""
