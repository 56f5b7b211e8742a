"""Printed documents (reportlab): certificates and the shop's papers. No tkinter here.

Services build the data (`data.py` for certificates, `shop_data.py` for the shop); this
package only draws it: `certificate`, `receipt` (receipts, return slips, the daily
close), `labels`, `shop_papers` (stock notes, producer statements). reportlab is
imported inside the functions that draw, so the app does not pay for it at start-up.
"""
