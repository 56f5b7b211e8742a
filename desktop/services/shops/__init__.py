"""Pilot shops: what shop staff, supervisors and the center's admin do (issue 10).

The parts, each a module:
- access: who may see and do what, in which shop (roles are enforced here);
- numbers: the center/shop-coded running numbers of sales, returns, notes and closes;
- money: the commission rule and percent/amount parsing (integer Rials, basis points);
- identifiers: IBAN (شبا) and EAN-13 barcodes, checked and generated;
- shops: shops and which shop a staff member works in;
- producers: home businesses linked to applicants, and their sales as income evidence;
- products: the catalogue, prices with history, the till's look-ups; product_import: files;
- stock: receipt and return notes, adjustments, stock levels;
- sales: the till's sale; returns: voids and returns; cart: the held cart;
- closing: the daily close (Z report); settlement: producers' statements and payments;
- papers: receipts, labels, notes, closes and statements as PDF (desktop/printing).
"""
