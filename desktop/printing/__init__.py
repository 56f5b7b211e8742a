"""Printed documents (reportlab): certificates now, receipts later. No tkinter here.

Services build the data; this package only draws it. reportlab is imported inside the
functions that draw, so the app does not pay for it at start-up.
"""
